/**
 * The fields the message list sorts and filters by, derived from each header whenever it
 * is written. IndexedDB indexes only what is stored, cannot index a boolean, and skips a
 * record whose compound-index key has a missing part, so a flag test or a case-folded
 * sender must be a stored value. A DBCore middleware (Dexie's write path, below every
 * put, bulkPut, update and modify) fills them, so no writer (sync, a user action, a
 * migration) can forget to and leave a message out of a view.
 *
 * The flags that are rare (flagged, has attachments, in an Inbox) are stored only when
 * set: IndexedDB leaves a record out of an index whose key path it lacks, so the index
 * of such a filter holds only the messages it shows, and writing any other message costs
 * no entry in it (schema v10; every index entry is a LevelDB write per message synced).
 */
import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';
import type { MessageHeader } from '../../src-shared/model';
import { baseSubject } from '../../src-shared/threading';

export interface ListKeys {
  /** 1 when \Flagged is set (RFC 3501 §2.3.2); absent otherwise. */
  flagged?: 1;
  /** 1 when the message has attachments; absent otherwise, also while that is not known. */
  attach?: 1;
  /** The sender as listed, case-folded, for sorting by sender. */
  senderSort: string;
  /** The base subject (no Re:/Fwd:/list tag), case-folded, for sorting by subject. */
  subjectSort: string;
  /** 1 for an account's Inbox (the name is case-insensitive, RFC 3501 §5.1), for the unified inbox; absent otherwise. */
  inbox?: 1;
}

/** The keys stored only when set. */
const sparseKeys = ['flagged', 'attach', 'inbox'] as const;

export type StoredMessage = MessageHeader & ListKeys;

export function listKeysOf(header: Pick<MessageHeader, 'flags' | 'hasAttachments' | 'from' | 'subject' | 'folderPath'>): ListKeys {
  const first = header.from[0];
  return {
    ...(header.flags.includes('\\Flagged') && { flagged: 1 as const }),
    ...(header.hasAttachments === 1 && { attach: 1 as const }),
    senderSort: (first?.name.trim() || first?.address.trim() || '').toLowerCase(),
    subjectSort: baseSubject(header.subject),
    ...(header.folderPath.toUpperCase() === 'INBOX' && { inbox: 1 as const }),
  };
}

/** The keys of a stored record, or null for a malformed one: that is left to fail where it
 *  is used rather than crash every write (or the schema upgrade) that touches it. */
export function storedListKeys(value: unknown): ListKeys | null {
  const header = value as Partial<MessageHeader> | null;
  if (typeof header !== 'object' || header === null) return null;
  if (!Array.isArray(header.flags) || !Array.isArray(header.from) || typeof header.subject !== 'string' || typeof header.folderPath !== 'string') return null;
  return listKeysOf(header as MessageHeader);
}

/** The record with its keys as they are now: a sparse key no longer set is removed. */
export function withListKeys(value: unknown): unknown {
  const keys = storedListKeys(value);
  if (!keys) return value;
  const record: Record<string, unknown> = { ...(value as object), ...keys };
  for (const key of sparseKeys) if (!(key in keys)) delete record[key];
  return record;
}

/** Registered on both cache handles by openCache. */
export const listKeysMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'tern-list-keys',
  create: (down) => ({
    ...down,
    table: (name) => {
      const table = down.table(name);
      if (name !== 'messages') return table;
      return {
        ...table,
        mutate: (request: DBCoreMutateRequest) =>
          table.mutate(request.type === 'put' || request.type === 'add' ? { ...request, values: request.values.map(withListKeys) } : request),
      };
    },
  }),
};
