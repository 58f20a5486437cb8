/**
 * Record shapes of the tables that the engine does not fill yet (the outbox, drafts,
 * operations and attachment metadata are declared in schema v1 so later features add
 * rows, not tables), and of the UI's own tables (remote-content choices, schema v2). The
 * shared model types cover the rest.
 */
export interface AttachmentRecord {
  accountId: string;
  folderPath: string;
  uid: number;
  partId: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface OperationRecord {
  seq?: number;
  accountId: string;
  folderPath: string;
  kind: string;
  payload: unknown;
  createdAt: number;
}

export interface OutboxRecord {
  id: string;
  accountId: string;
  sendAt: number;
  message: unknown;
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
