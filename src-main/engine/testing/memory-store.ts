/**
 * An in-memory StorePort for tests. Like the real cache it validates every call against the
 * port's schemas (so a delta the cache would refuse fails the test) and applies a header
 * delta and its cursor as one step: a delta that fails leaves nothing behind. It also
 * records every call, so tests can look at the order of deltas.
 */
import type { Folder, HeaderDelta, MessageBody, MessageHeader, SyncCursor } from '../../../src-shared/model';
import type { Operation, OperationOutcome, PendingOperation } from '../../../src-shared/operations';
import { storeMethods, type Pop3Record, type StoreArgs, type StoreMethodName, type StorePort } from '../../../src-shared/store-port';
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
  /** POP3 download records by account, keyed by UIDL (the cache's pop3Uidls table). */
  readonly pop3: Map<string, Map<string, Pop3Record>>;
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
  /** Per account: the newest message date evicted, and the limit last enforced (as the cache's bodyUsage). */
  const budgets = new Map<string, { evictedThrough: number; limitBytes: number }>();
  const bytesOf = (k: string, body: MessageBody) =>
    body.text.length + (body.html?.length ?? 0) + (attachments.get(k) ?? []).reduce((sum, part) => sum + Math.floor((part.dataBase64.length * 3) / 4), 0);
  const pop3 = new Map<string, Map<string, Pop3Record>>();
  const nextLocalUid = new Map<string, number>();
  const pop3Of = (accountId: string) => pop3.get(accountId) ?? pop3.set(accountId, new Map()).get(accountId)!;
  const ensureInbox = (accountId: string) => {
    const list = folders.get(accountId) ?? [];
    if (!list.some((f) => f.path === 'INBOX')) {
      folders.set(accountId, [{ accountId, path: 'INBOX', name: 'Inbox', delimiter: '/', parentPath: null, specialUse: 'inbox', subscribed: true, selectable: true }, ...list]);
    }
  };
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
    pop3,
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
    async putBodies(args) {
      for (const { attachments: parts = [], ...body } of accept('putBodies', args).bodies) {
        bodies.set(bodyKey(body.accountId, body.folderPath, body.uid), body);
        attachments.set(bodyKey(body.accountId, body.folderPath, body.uid), parts);
      }
      return null;
    },
    async listMissingBodies(args) {
      const { accountId, folderPath, since, limit, olderThan } = accept('listMissingBodies', args);
      const from = Math.max(since, (budgets.get(accountId)?.evictedThrough ?? 0) + 1);
      const after = (h: MessageHeader) => !olderThan || h.date < olderThan.date || (h.date === olderThan.date && h.uid < olderThan.uid);
      return [...(headers.get(key(accountId, folderPath))?.values() ?? [])]
        .filter((h) => h.date >= from && after(h) && !bodies.has(bodyKey(accountId, folderPath, h.uid)))
        .sort((a, b) => b.date - a.date || b.uid - a.uid)
        .slice(0, limit)
        .map((h) => ({ uid: h.uid, size: h.size, date: h.date }));
    },
    async enforceBodyBudget(args) {
      const { accountId, limitBytes, order } = accept('enforceBodyBudget', args);
      const stored = budgets.get(accountId) ?? { evictedThrough: 0, limitBytes: 0 };
      const budget = { evictedThrough: limitBytes > stored.limitBytes ? 0 : stored.evictedThrough, limitBytes };
      const kept = new Set(pending.filter((p) => p.accountId === accountId).flatMap((p) => ('target' in p.operation ? [p.operation.folderPath, p.operation.target] : [p.operation.folderPath])));
      for (const f of folders.get(accountId) ?? []) if (f.specialUse === 'drafts') kept.add(f.path);
      const dateOf = (body: MessageBody) => headers.get(key(accountId, body.folderPath))?.get(body.uid)?.date ?? body.fetchedAt;
      const rank = (body: MessageBody) => (order === 'oldest' ? dateOf(body) : body.fetchedAt);
      const own = [...bodies].filter(([, body]) => body.accountId === accountId).sort(([, a], [, b]) => rank(a) - rank(b));
      let used = own.reduce((sum, [k, body]) => sum + bytesOf(k, body), 0);
      let evicted = 0;
      for (const [k, body] of own) {
        if (used <= limitBytes) break;
        if (kept.has(body.folderPath)) continue;
        used -= bytesOf(k, body);
        bodies.delete(k);
        attachments.delete(k);
        evicted++;
        if (order === 'oldest') budget.evictedThrough = Math.max(budget.evictedThrough, dateOf(body));
      }
      budgets.set(accountId, budget);
      return { usedBytes: used, evicted };
    },
    async pop3Records(args) {
      const { accountId } = accept('pop3Records', args);
      ensureInbox(accountId);
      return structuredClone([...pop3Of(accountId).values()]);
    },
    async applyPop3Download(args) {
      const { accountId, downloads } = accept('applyPop3Download', args);
      const records = pop3Of(accountId);
      ensureInbox(accountId);
      return downloads.map(({ uidl, downloadedAt, header, body, attachments: parts }) => {
        const existing = records.get(uidl);
        const putBodyOf = (ref: { accountId: string; folderPath: string; uid: number }) => {
          if (body === null) return;
          bodies.set(bodyKey(ref.accountId, ref.folderPath, ref.uid), { ...ref, ...body, fetchedAt: downloadedAt });
          attachments.set(bodyKey(ref.accountId, ref.folderPath, ref.uid), parts.map((part) => ({ ...part, ...ref })));
        };
        if (existing) {
          if (existing.partial && body !== null && !existing.deletedLocally) {
            putBodyOf(existing);
            records.set(uidl, { ...existing, partial: false });
          }
          return { folderPath: existing.folderPath, uid: existing.uid };
        }
        const k = key(accountId, 'INBOX');
        const uid = nextLocalUid.get(k) ?? 1;
        nextLocalUid.set(k, uid + 1);
        const ref = { accountId, folderPath: 'INBOX', uid };
        (headers.get(k) ?? headers.set(k, new Map()).get(k)!).set(uid, { ...header, ...ref });
        putBodyOf(ref);
        records.set(uidl, { ...ref, uidl, downloadedAt, deletedLocally: false, partial: body === null });
        return { folderPath: 'INBOX', uid };
      });
    },
    async forgetPop3Uidls(args) {
      const { accountId, uidls } = accept('forgetPop3Uidls', args);
      for (const uidl of uidls) pop3Of(accountId).delete(uidl);
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
