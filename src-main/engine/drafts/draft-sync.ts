/**
 * Drafts on the server, so a draft started on one machine can be continued on another:
 * each save APPENDs the new version to the Drafts folder (\Draft, \Seen), then deletes the
 * older versions by UID (RFC 3501 has no "replace"). Every version of one draft carries the
 * same Message-ID, derived from the draft's id, which is how the older ones are found
 * without remembering UIDs, and how the composer recognises a draft made elsewhere.
 */
import type { Account } from '../../../src-shared/model';
import type { ComposedOutgoing } from '../../../src-shared/outgoing';
import type { ConnectionTimeouts } from '../imap/connection-options';
import { composeMessage } from '../mime/compose-message';
import { withMailFolderSession } from '../outbox/mail-folder-session';
import type { OutboxSpool } from '../outbox/outbox-spool';
import type { SecretStore } from '../ports';

export const draftMessageId = (draftId: string): string => `<${draftId}@draft.tern.invalid>`;

export interface DraftSyncDeps {
  spool: OutboxSpool;
  secrets: SecretStore;
  timeouts: ConnectionTimeouts;
}

export async function saveDraftOnServer(deps: DraftSyncDeps, account: Account, draftId: string, draft: ComposedOutgoing, now: number): Promise<void> {
  const messageId = draftMessageId(draftId);
  try {
    const { raw } = await composeMessage({ ...draft, messageId, date: now }, { open: (blobId) => deps.spool.openBlob(blobId) });
    await withMailFolderSession(account, deps.secrets, deps.timeouts, async (session) => {
      const path = await session.folderFor('drafts', 'Drafts');
      const uid = await session.append(path, raw, ['\\Draft', '\\Seen']);
      const versions = await session.findByMessageId(path, messageId);
      // Without a UID from APPENDUID, the newest (highest) UID is the version just saved.
      const keep = uid ?? Math.max(...versions);
      await session.deleteUids(path, versions.filter((v) => v !== keep));
    });
  } finally {
    for (const attachment of draft.attachments) await deps.spool.removeBlob(attachment.blobId);
  }
}

/** Removes every version of a draft from the server (it was sent, or discarded). */
export async function removeDraftFromServer(deps: DraftSyncDeps, account: Account, draftId: string): Promise<void> {
  await withMailFolderSession(account, deps.secrets, deps.timeouts, async (session) => {
    const path = await session.folderFor('drafts', 'Drafts');
    await session.deleteUids(path, await session.findByMessageId(path, draftMessageId(draftId)));
  });
}
