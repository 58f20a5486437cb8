import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Spool } from './spool';
import type { Envelope } from './envelope';
import { withTempDir } from './test-kit';

function envelope(id: string): Envelope {
  return { id, from: 'a@x.test', queuedAt: 1, warned: false, recipients: [{ address: 'b@y.test', state: 'pending', attempts: 0, nextAttemptAt: 1 }] };
}

describe('spool', () => {
  const temps: Array<{ remove(): Promise<void> }> = [];
  afterEach(async () => {
    for (const t of temps.splice(0)) await t.remove();
  });

  async function spool(): Promise<Spool> {
    const temp = await withTempDir();
    temps.push(temp);
    const s = new Spool(temp.dir);
    await s.open();
    return s;
  }

  it('stores message and envelope, and serialises envelope saves in call order', async () => {
    const s = await spool();
    const e = envelope('m1');
    await s.enqueue(Buffer.from('hello\r\n'), e);
    const saves = [1, 2, 3].map((n) => s.saveEnvelope({ ...e, recipients: [{ ...e.recipients[0]!, attempts: n }] }));
    await Promise.all(saves);
    const [loaded] = await s.loadAll(() => undefined);
    expect(loaded?.recipients[0]?.attempts).toBe(3);
    expect((await s.readMessage('m1')).toString()).toBe('hello\r\n');
    await s.remove('m1');
    expect(await readdir(s.queueDir)).toEqual([]);
  });

  it('cleans temp files and unanswered messages at load, and reports bad envelopes', async () => {
    const s = await spool();
    await s.enqueue(Buffer.from('ok\r\n'), envelope('good'));
    await writeFile(join(s.queueDir, '.tmp-good.json-1234'), 'partial');
    await writeFile(join(s.queueDir, 'orphan.eml'), 'never answered 250');
    await writeFile(join(s.queueDir, 'bad.json'), '{"id": 5}');
    const bad: string[] = [];
    const loaded = await s.loadAll((file) => bad.push(file));
    expect(loaded.map((e) => e.id)).toEqual(['good']);
    expect(bad).toEqual(['bad.json']);
    expect((await readdir(s.queueDir)).sort()).toEqual(['bad.json', 'good.eml', 'good.json']);
  });
});
