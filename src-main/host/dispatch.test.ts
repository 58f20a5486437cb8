import { describe, expect, it } from 'vitest';
import type { CommandHandlers } from '../../src-shared/contract';
import { dispatch } from './dispatch';

const calls: unknown[] = [];
const handlers = {
  'app.info': async () => ({ version: '1', host: 'web' as const }),
  'message.loadBody': async (args: unknown) => {
    calls.push(args);
    throw new Error('Can’t download this message: Work is offline.');
  },
} as unknown as CommandHandlers;

describe('dispatch', () => {
  it('runs a known command with validated arguments', async () => {
    expect(await dispatch(handlers, 'app.info', {})).toEqual({ ok: true, value: { version: '1', host: 'web' } });
  });

  it('refuses unknown commands, including prototype names', async () => {
    for (const name of ['shell.exec', '__proto__', 'constructor', 42]) {
      const outcome = await dispatch(handlers, name, {});
      expect(outcome).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
    }
  });

  it('refuses invalid arguments before the handler runs', async () => {
    calls.length = 0;
    const outcome = await dispatch(handlers, 'message.loadBody', { accountId: 'a1', folderPath: 'INBOX', uid: 'one' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(calls).toEqual([]);
  });

  it('turns a handler failure into the handler’s own words', async () => {
    const outcome = await dispatch(handlers, 'message.loadBody', { accountId: 'a1', folderPath: 'INBOX', uid: 1 });
    expect(outcome).toEqual({ ok: false, error: { message: 'Can’t download this message: Work is offline.' } });
  });
});
