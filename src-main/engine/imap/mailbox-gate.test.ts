import { describe, expect, it } from 'vitest';
import { MailboxGate } from './mailbox-gate';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

describe('mailbox gate', () => {
  it('lets users overlap, runs a closer once none is left, and holds users back while it runs', async () => {
    const gate = new MailboxGate();
    const log: string[] = [];
    let finishFirst!: () => void;
    let third: Promise<void> | null = null;
    const first = gate.use(async () => {
      log.push('use1 start');
      await new Promise<void>((resolve) => (finishFirst = resolve));
      log.push('use1 end');
    });
    const second = gate.use(async () => void log.push('use2'));
    const closer = gate.exclusive(async () => {
      log.push('close start');
      third = gate.use(async () => void log.push('use3'));
      await tick();
      log.push('close end');
    });
    await tick();
    expect(log).toEqual(['use1 start', 'use2']);
    finishFirst();
    await Promise.all([first, second, closer]);
    await third;
    expect(log).toEqual(['use1 start', 'use2', 'use1 end', 'close start', 'close end', 'use3']);
  });

  it('releases the gate when a step throws', async () => {
    const gate = new MailboxGate();
    await expect(gate.use(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.exclusive(async () => Promise.reject(new Error('bang')))).rejects.toThrow('bang');
    expect(await gate.use(async () => 'ok')).toBe('ok');
  });
});
