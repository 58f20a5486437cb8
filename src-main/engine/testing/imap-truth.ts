/**
 * "The cache equals the server" for integration tests: every UID of a folder with its flags,
 * read once from the server by a separate imapflow client and once from a memory store, in
 * the same shape, so a test compares the two with one `toEqual`.
 */
import { ImapFlow } from 'imapflow';
import type { MemoryStore } from './memory-store';

export interface ImapLogin {
  port: number;
  user: string;
  password: string;
}

/** A plain imapflow client for changing the server behind the engine's back. */
export async function rawClient({ port, user, password }: ImapLogin): Promise<ImapFlow> {
  const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, doSTARTTLS: false, auth: { user, pass: password }, logger: false });
  await client.connect();
  return client;
}

/** `uid → flags (sorted, without \Recent)` of every message in the folder on the server. */
export async function serverFlags(login: ImapLogin, folder: string): Promise<Record<number, string[]>> {
  const client = await rawClient(login);
  try {
    const lock = await client.getMailboxLock(folder, { readOnly: true });
    try {
      const found: Record<number, string[]> = {};
      if (client.mailbox && client.mailbox.exists > 0) {
        for await (const message of client.fetch('1:*', { uid: true, flags: true }, { uid: true })) {
          found[message.uid] = [...(message.flags ?? [])].filter((f) => f !== '\\Recent').sort();
        }
      }
      return found;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

/** The same view of the cache. */
export function cachedFlags(store: MemoryStore, accountId: string, folder: string): Record<number, string[]> {
  const found: Record<number, string[]> = {};
  for (const [uid, header] of store.messages(accountId, folder)) found[uid] = [...header.flags].sort();
  return found;
}
