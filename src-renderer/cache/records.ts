/**
 * Record shapes of the tables that the engine does not fill yet (drafts, operations and
 * attachment metadata were declared in schema v1 so later features add rows, not tables), and of the UI's own tables (remote-content choices, schema v2). The
 * shared model types cover the rest.
 */
import type { MessageAttachment, MessageBody } from '../../src-shared/model';

/** An attachment's metadata, listed by the reader; its bytes are in AttachmentDataRecord. */
export type AttachmentRecord = MessageAttachment;

/** An attachment's decoded bytes (schema v6), read only when it is opened, saved or shown inline. */
export interface AttachmentDataRecord {
  accountId: string;
  folderPath: string;
  uid: number;
  partId: string;
  data: Uint8Array;
}

export interface OperationRecord {
  seq?: number;
  accountId: string;
  folderPath: string;
  kind: string;
  payload: unknown;
  createdAt: number;
  /** The cached headers as they were before the operation's optimistic change (operation-log.ts). */
  before?: unknown;
}

/** An operation the server could not carry out as asked (docs/sync.md), for the Sync issues view. */
export interface SyncIssueRecord {
  id?: number;
  accountId: string;
  kind: string;
  summary: string;
  detail: string;
  at: number;
}

export interface DraftRecord {
  id: string;
  accountId: string;
  updatedAt: number;
  draft: unknown;
}

/** A sender (lower-cased address) whose remote content the reader chose to always load. */
export interface RemoteContentSender {
  address: string;
  allowedAt: number;
}

/** The next UID of a local folder (a POP3 account's folders live only in the cache, schema v8). */
export interface LocalFolderUidRecord {
  accountId: string;
  folderPath: string;
  nextUid: number;
}

/**
 * A cached body with what the disk budget needs of it (schema v13; a table of their own
 * before, bodySizes, which cost a second record written per body). Bodies stored without
 * them (POP3's, which have no budget) stay out of the budget's indexes.
 */
export type StoredBody = MessageBody & {
  /** The text, HTML and attachment bytes (body-budget.ts bodyBytes). */
  bytes?: number;
  /** The message's date: the disconnected model evicts the oldest messages first. */
  date?: number;
};

/**
 * The list's preview line of a message whose body was cached (schema v11), apart from the
 * message row: writing it there re-wrote every index entry of the row for each body stored.
 * It stays when the body is evicted, like the header it belongs to.
 */
export interface SnippetRecord {
  accountId: string;
  folderPath: string;
  uid: number;
  text: string;
}

/** An account's running total of cached body bytes (schema v9). */
export interface BodyUsageRecord {
  accountId: string;
  usedBytes: number;
  /** The newest message date the budget evicted: the background download stays above it. */
  evictedThrough: number;
  /** The limit last enforced; a larger one lets evicted bodies come back (evictedThrough reset). */
  limitBytes: number;
}
