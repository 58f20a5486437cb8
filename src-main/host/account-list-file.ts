/**
 * The host's own list of the accounts it was asked to supervise (`accounts.json` in the
 * profile, no secrets: those are in the secret store). The cache's `accounts` table is the
 * list the UI works from; this copy is for when that cache is gone (Chromium deletes an
 * origin's IndexedDB when its disk fails a write, docs/sync.md), so a window that opens to
 * an empty cache can put the accounts back instead of greeting a user as new. Written
 * atomically, one write at a time; a damaged file reads as empty and is reported.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { accountSchema, type Account } from '../../src-shared/model';
import { writeFileDurably } from '../relay/durable-file';

const fileSchema = z.object({ version: z.literal(1), accounts: z.array(accountSchema).max(1000) });

export interface AccountListFile {
  list(): Promise<Account[]>;
  put(account: Account): Promise<void>;
  remove(accountId: string): Promise<void>;
}

export function openAccountListFile(profileDir: string, onProblem: (why: string) => void): AccountListFile {
  const path = join(profileDir, 'accounts.json');
  let writes: Promise<unknown> = Promise.resolve();

  async function read(): Promise<Account[]> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onProblem(`account list unreadable: ${String(error)}`);
      return [];
    }
    try {
      const parsed = fileSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data.accounts;
      onProblem(`account list ignored: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    } catch {
      onProblem('account list ignored: not JSON');
    }
    return [];
  }

  function change(edit: (accounts: Account[]) => Account[]): Promise<void> {
    const next = writes.then(async () => {
      const before = await read();
      // In the schema's key order, as read back, so an unchanged list compares equal.
      const accounts = edit(before).map((account) => accountSchema.parse(account));
      // Every window opens every account at each start; most of those change nothing.
      if (JSON.stringify(accounts) === JSON.stringify(before)) return;
      await writeFileDurably(path, `${JSON.stringify({ version: 1, accounts }, null, 2)}\n`);
    });
    writes = next.catch(() => undefined);
    return next;
  }

  return {
    list: () => writes.then(read),
    put: (account) => change((accounts) => [...accounts.filter((a) => a.id !== account.id), account]),
    remove: (accountId) => change((accounts) => accounts.filter((a) => a.id !== accountId)),
  };
}
