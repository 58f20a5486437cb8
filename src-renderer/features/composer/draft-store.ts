/**
 * Drafts in the cache, written through the durable (strict) handle: a draft is the only
 * copy of what the user typed until it is sent. Also the address book the composer
 * suggests from: the people in the account's most recent cached messages.
 */
import Dexie from 'dexie';
import type { TernDexie } from '../../cache/db';
import type { OutgoingAddress } from '../../../src-shared/outgoing';
import type { Draft } from './draft';

export async function saveDraft(durable: TernDexie, draft: Draft): Promise<void> {
  await durable.drafts.put({ id: draft.id, accountId: draft.accountId, updatedAt: draft.updatedAt, draft });
}

export async function deleteDraft(durable: TernDexie, id: string): Promise<void> {
  await durable.drafts.delete(id);
}

export async function listDrafts(db: TernDexie): Promise<Draft[]> {
  const records = await db.drafts.orderBy('updatedAt').reverse().toArray();
  return records.map((r) => r.draft as Draft);
}

/** How many recent messages the suggestions are drawn from: enough for the people one writes to, cheap to read. */
const RECENT_MESSAGES = 3000;

export async function knownAddresses(db: TernDexie, accountId: string): Promise<OutgoingAddress[]> {
  const counts = new Map<string, { address: OutgoingAddress; count: number }>();
  // The account's messages by their primary key (account, folder, UID): no index of its own
  // is kept for this walk, as every index is a write per message synced.
  await db.messages
    .where('[accountId+folderPath+uid]')
    .between([accountId, Dexie.minKey], [accountId, Dexie.maxKey])
    .limit(RECENT_MESSAGES)
    .each((header) => {
      for (const a of [...header.from, ...header.to, ...header.cc]) {
        const key = a.address.toLowerCase();
        if (!key.includes('@')) continue;
        const known = counts.get(key);
        if (known) known.count++;
        else counts.set(key, { address: { name: a.name, address: a.address }, count: 1 });
      }
    });
  return [...counts.values()].sort((a, b) => b.count - a.count).map((c) => c.address);
}

export function suggest(known: readonly OutgoingAddress[], typed: string, limit = 8): OutgoingAddress[] {
  const needle = typed.trim().toLowerCase();
  if (needle.length < 1) return [];
  return known.filter((a) => a.address.toLowerCase().includes(needle) || a.name.toLowerCase().includes(needle)).slice(0, limit);
}
