/**
 * An in-memory StorePort for tests. Like the real cache it validates every call against the
 * port's schemas (so a delta the cache would refuse fails the test) and applies a header
 * delta and its cursor as one step: a delta that fails leaves nothing behind. It also
 * records every call, so tests can look at the order of deltas.
 */
import type { Folder, HeaderDelta, MessageBody, MessageHeader, SyncCursor } from '../../../src-shared/model';
import type { Operation, OperationOutcome, PendingOperation } from '../../../src-shared/operations';
import { storeMethods, type StoreArgs, type StoreMethodName, type StorePort } from '../../../src-shared/store-port';
import { toUidRanges } from '../../../src-shared/uid-ranges';

type StoredAttachment = NonNullable<StoreArgs<'putBody'>['attachments']>[number];

export interface MemoryStore extends StorePort {
  readonly folders: Map<string, Folder[]>;
  readonly calls: { method: StoreMethodName; args: unknown }[];
  /** Cached headers of a folder, by UID. */
  messages(accountId: string, folderPath: string): Map<number, MessageHeader>;
  cursor(accountId: string, folderPath: string): SyncCursor | null;
  body(accountId: string, folderPath: string, uid: number): MessageBody | null;
  /** The attachments stored with a body (bytes as base64), in part order. */
  attachments(accountId: string, folderPath: string, uid: number): StoredAttachment[];
  /** Deltas applied so far, oldest first. */
  deltas(): HeaderDelta[];
  /** Makes the next call of `method` reject, as a cache that went away would. */
  failNext(method: StoreMethodName, error: Error): void;
  /** Queues an operation as the renderer's operation log would (without its cache change); returns its seq. */
  enqueue(accountId: string, operation: Operation): number;
  /** Operations settled so far, in order, with their outcomes. */
  readonly settled: { seq: number; outcome: OperationOutcome }[];
}

export function createMemoryStore(): MemoryStore {
  const folders = new Map<string, Folder[]>();
  const headers = new Map<string, Map<number, MessageHeader>>();
  const cursors = new Map<string, SyncCursor>();
  const bodies = new Map<string, MessageBody>();
  const attachments = new Map<string, StoredAttachment[]>();
  const calls: MemoryStore['calls'] = [];
  const failures = new Map<StoreMethodName, Error>();
  const pending: PendingOperation[] = [];
  const settled: MemoryStore['settled'] = [];
  let nextSeq = 1;
  const key = (accountId: string, folderPath: string) => JSON.stringify([accountId, folderPath]);
  const bodyKey = (accountId: string, folderPath: string, uid: number) => JSON.stringify([accountId, folderPath, uid]);
  const dropBodies = (accountId: string, folderPath: string, keep: (uid: number) => boolean) => {
    for (const [k, body] of bodies) {
      if (body.accountId === accountId && body.folderPath === folderPath && !keep(body.uid)) {
        bodies.delete(k);
        attachments.delete(k);
      }
    }
  };

  function accept<M extends StoreMethodName>(method: M, args: unknown): StoreArgs<M> {
    const failure = failures.get(method);
    failures.delete(method);
    if (failure) throw failure;
    const parsed = storeMethods[method].args.parse(args) as StoreArgs<M>;
    calls.push({ method, args: structuredClone(parsed) });
    return parsed;
  }

  return {
    folders,
    calls,
    messages: (accountId, folderPath) => new Map(headers.get(key(accountId, folderPath))),
    cursor: (accountId, folderPath) => cursors.get(key(accountId, folderPath)) ?? null,
    body: (accountId, folderPath, uid) => bodies.get(bodyKey(accountId, folderPath, uid)) ?? null,
    attachments: (accountId, folderPath, uid) => attachments.get(bodyKey(accountId, folderPath, uid)) ?? [],
    deltas: () => calls.filter((c) => c.method === 'applyHeaderDelta').map((c) => c.args as HeaderDelta),
    failNext: (method, error) => void failures.set(method, error),
    settled,
    enqueue(accountId, operation) {
      const seq = nextSeq++;
      pending.push({ seq, accountId, createdAt: Date.now(), operation: structuredClone(operation) });
      return seq;
    },

    async getCursor(args) {
      const { accountId, folderPath } = accept('getCursor', args);
      return structuredClone(cursors.get(key(accountId, folderPath)) ?? null);
    },
    async countUids(args) {
      const { accountId, folderPath, upTo } = accept('countUids', args);
      return [...(headers.get(key(accountId, folderPath))?.keys() ?? [])].filter((uid) => uid <= upTo).length;
    },
    async listUidRanges(args) {
      const { accountId, folderPath, from = 0, to = 0xffff_ffff } = accept('listUidRanges', args);
      const uids = [...(headers.get(key(accountId, folderPath))?.keys() ?? [])].filter((uid) => uid >= from && uid <= to);
      return toUidRanges(uids.sort((a, b) => a - b));
    },
    async replaceFolders(args) {
      const { accountId, folders: next } = accept('replaceFolders', args);
      const keep = new Set(next.map((f) => f.path));
      for (const gone of (folders.get(accountId) ?? []).filter((f) => !keep.has(f.path))) {
        headers.delete(key(accountId, gone.path));
        cursors.delete(key(accountId, gone.path));
        dropBodies(accountId, gone.path, () => false);
      }
      folders.set(accountId, next);
      return null;
    },
    async applyHeaderDelta(args) {
      const delta = accept('applyHeaderDelta', args);
      const k = key(delta.accountId, delta.folderPath);
      // Built on a copy and swapped in at the end: all of the delta, or none of it.
      const next = new Map(delta.reset ? [] : headers.get(k));
      for (const uid of delta.removedUids) next.delete(uid);
      for (const { uid, flags } of delta.flagUpdates) {
        const header = next.get(uid);
        if (header) next.set(uid, { ...header, flags, unread: flags.includes('\\Seen') ? 0 : 1 });
      }
      for (const header of delta.upserts) next.set(header.uid, header);
      headers.set(k, next);
      cursors.set(k, delta.cursor);
      const removed = new Set(delta.removedUids);
      dropBodies(delta.accountId, delta.folderPath, (uid) => !delta.reset && !removed.has(uid));
      return null;
    },
    async putBody(args) {
      const { attachments: parts = [], ...body } = accept('putBody', args);
      bodies.set(bodyKey(body.accountId, body.folderPath, body.uid), body);
      attachments.set(bodyKey(body.accountId, body.folderPath, body.uid), parts);
      return null;
    },
    async listOperations(args) {
      const { accountId } = accept('listOperations', args);
      return structuredClone(pending.filter((p) => p.accountId === accountId));
    },
    async settleOperation(args) {
      const { accountId, seq, outcome } = accept('settleOperation', args);
      const index = pending.findIndex((p) => p.seq === seq && p.accountId === accountId);
      if (index >= 0) {
        pending.splice(index, 1);
        settled.push({ seq, outcome });
      }
      return null;
    },
  };
}
