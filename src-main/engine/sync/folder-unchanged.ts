/**
 * Whether a folder is known unchanged since its last complete sync, from one STATUS instead
 * of an EXAMINE (which makes the server work out the folder's first unseen message, 70 ms
 * at 100,000 messages on Dovecot) and the cache reads a sync makes.
 *
 * The cursor keeps UIDNEXT, EXISTS and HIGHESTMODSEQ as that sync's SELECT reported them.
 * UIDNEXT moves whenever a message arrives (RFC 3501 §2.3.1.1), so with it unchanged
 * EXISTS can only have changed by expunges; HIGHESTMODSEQ moves with every flag change
 * (RFC 7162 §3.1.1). All three equal therefore means nothing happened since that SELECT,
 * and whatever happened before it the sync brought into the cache. Without CONDSTORE there
 * is no HIGHESTMODSEQ, flag changes cannot be seen this way, and the folder is synced.
 */
import type { SyncCursor } from '../../../src-shared/model';
import type { FolderStatus } from '../imap/imap-connection';

export function unchangedSince(cursor: SyncCursor | null, status: FolderStatus): boolean {
  if (cursor === null || cursor.uidNext === null || cursor.highestModseq === null || cursor.exists === null || cursor.exists === undefined) return false;
  return (
    status.uidValidity === cursor.uidValidity &&
    status.uidNext === cursor.uidNext &&
    status.messages === cursor.exists &&
    status.highestModseq !== null &&
    status.highestModseq === cursor.highestModseq
  );
}
