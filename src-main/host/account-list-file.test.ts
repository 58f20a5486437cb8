import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../src-shared/model';
import { openAccountListFile } from './account-list-file';

const account = (id: string, name = id): Account => ({
  id, name, email: `${id}@example.org`,
  incoming: { protocol: 'imap', accessModel: 'disconnected', host: 'imap.example.org', port: 993, security: 'tls', user: id },
  smtp: null, identities: [], sendThroughRelay: false, trustedCertificates: [],
});

describe("the host's account list", () => {
  it('keeps the accounts put, replaced by id, without those removed, across opening it again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tern-accounts-'));
    const list = openAccountListFile(dir, () => undefined);
    expect(await list.list()).toEqual([]);
    await Promise.all([list.put(account('work')), list.put(account('home')), list.put(account('old'))]);
    await list.put(account('work', 'Work, renamed'));
    await list.remove('old');
    const again = openAccountListFile(dir, () => undefined);
    expect((await again.list()).map((a) => a.name).sort()).toEqual(['Work, renamed', 'home']);
    expect((await stat(join(dir, 'accounts.json'))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(dir, 'accounts.json'), 'utf8')).not.toMatch(/password/i);
  });

  it('does not write again when an account opened at start-up is unchanged', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tern-accounts-'));
    const list = openAccountListFile(dir, () => undefined);
    await list.put(account('work'));
    const written = (await stat(join(dir, 'accounts.json'))).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await list.put(account('work'));
    expect((await stat(join(dir, 'accounts.json'))).mtimeMs).toBe(written);
  });

  it('reads a damaged or hostile file as empty and says why, and a later write replaces it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tern-accounts-'));
    const problems: string[] = [];
    const list = openAccountListFile(dir, (why) => problems.push(why));
    await writeFile(join(dir, 'accounts.json'), '{"version":1,"accounts":[{"id":"x","name":""}]}');
    expect(await list.list()).toEqual([]);
    await writeFile(join(dir, 'accounts.json'), 'not json');
    expect(await list.list()).toEqual([]);
    expect(problems).toEqual([expect.stringMatching(/^account list ignored: /), 'account list ignored: not JSON']);
    await list.put(account('work'));
    expect((await list.list()).map((a) => a.id)).toEqual(['work']);
  });
});
