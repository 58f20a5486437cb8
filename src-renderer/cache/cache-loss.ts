/**
 * Notices the cache's database being deleted under the running window and puts back what
 * only it held. Chromium does this when an origin's storage fails (a full disk, docs/sync.md),
 * and another window or the user clearing site data can do it too; every open connection is
 * then closed, and Dexie opens a new, empty database at the next request.
 *
 * On a close this window did not ask for, the guard reopens the database: if the accounts
 * it knew are gone, it writes back the copy of the user's own records (durable-mirror.ts)
 * and reports the loss, so the UI can say so and the engine can sync everything again. While
 * it checks, the engine's store calls are refused, and a header delta from a sync that read
 * its folder's cursor before the loss is refused after it: its cursor would claim messages
 * the new database never received, and the next sync would take the folder as complete.
 */
import type Dexie from 'dexie';
import type { Account } from '../../src-shared/model';
import type { StoreMethodName, StorePort } from '../../src-shared/store-port';
import { storeMethodNames } from '../../src-shared/store-port';
import type { Cache } from './db';
import { mirrorDurableRecords, restoreSnapshot, type DurableSnapshot } from './durable-mirror';

export interface CacheLoss {
  /** Seen while this window ran (and refilled from its memory), or at its start (accounts from the host's list). */
  found: 'running' | 'at-start';
  at: number;
  restored: { accounts: number; operations: number; drafts: number };
  /** Names of POP3 accounts: what they had already removed from the server was only in the cache. */
  pop3Accounts: string[];
}

export interface CacheLossGuard {
  /** The engine's store port, refusing calls while a loss is checked and stale syncs after one. */
  guardStore(store: StorePort): StorePort;
  /** Stops watching; call it before closing the cache, whose own close is not a loss. */
  stop(): void;
}

/** A cache found empty at a window's start, with `accounts` put back from the host's list (features/app/engine-connection.ts). */
export function accountsRestoredAtStart(accounts: readonly Account[]): CacheLoss {
  return { found: 'at-start', at: Date.now(), restored: { accounts: accounts.length, operations: 0, drafts: 0 }, pop3Accounts: pop3Names(accounts) };
}

const pop3Names = (accounts: readonly Account[]) => accounts.filter((a) => a.incoming.protocol === 'pop3').map((a) => a.name);

const maxAttempts = 20;
const retryDelayMs = 100;

const folderKey = (accountId: string, folderPath: string) => JSON.stringify([accountId, folderPath]);

export function guardAgainstCacheLoss(cache: Cache, onLoss: (loss: CacheLoss) => void): CacheLossGuard {
  const mirror = mirrorDurableRecords(cache);
  let checking = false;
  /** A close came while checking: the reopened database may have been closed and deleted after it was counted. */
  let closedAgain = false;
  /** Set while the guard resets a handle itself, whose close is not news. */
  let closingOurselves = false;
  const handles: readonly Dexie[] = [cache.db, cache.durable];
  let losses = 0;
  /** How many losses had happened when each folder's cursor was last read. */
  const cursorReadAfter = new Map<string, number>();

  function closed(): void {
    if (closingOurselves) return;
    if (checking) {
      closedAgain = true;
      return;
    }
    checking = true;
    // Taken at once: the mirror would follow the new, empty tables as soon as anything writes to them.
    void check(mirror.latest());
  }

  async function check(known: DurableSnapshot): Promise<void> {
    let loss: CacheLoss | null = null;
    try {
      const accountsLeft = await reopenAndCountAccounts();
      if (accountsLeft === 0 && known.accounts.length > 0) {
        losses += 1;
        await restoreSnapshot(cache, known);
        loss = {
          found: 'running',
          at: Date.now(),
          restored: { accounts: known.accounts.length, operations: known.operations.length, drafts: known.drafts.length },
          pop3Accounts: pop3Names(known.accounts),
        };
      }
    } catch (error) {
      console.error(`The cache closed unexpectedly and could not be checked or restored: ${String(error)}`);
    } finally {
      checking = false;
    }
    if (loss) onLoss(loss);
  }

  /**
   * Reopens the database (a deleted one comes back new and empty) and counts its accounts,
   * again after every close meanwhile. A request can still reach a connection that is being
   * closed, and an open can fail while the browser deletes the files; Dexie would then fail
   * every later request on that handle, so each handle not open is reset and opened again.
   */
  async function reopenAndCountAccounts(): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      closedAgain = false;
      try {
        for (const handle of handles) if (!handle.isOpen()) await reopen(handle);
        const accounts = await cache.durable.accounts.count();
        if (!closedAgain) return accounts;
      } catch (error) {
        if (attempt >= maxAttempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
      }
    }
  }

  async function reopen(handle: Dexie): Promise<void> {
    closingOurselves = true;
    try {
      handle.close({ disableAutoOpen: false });
    } finally {
      closingOurselves = false;
    }
    await handle.open();
  }

  for (const handle of handles) handle.on('close', closed);

  function guardStore(store: StorePort): StorePort {
    const guarded: Partial<Record<StoreMethodName, (args: never) => Promise<unknown>>> = {};
    for (const method of storeMethodNames) {
      const call = store[method] as (args: unknown) => Promise<unknown>;
      guarded[method] = async (args: never) => {
        if (checking) throw new Error('The cache was closed under this window and is being checked; the next sync tries again.');
        return call(args);
      };
    }
    const port = guarded as StorePort;
    return {
      ...port,
      async getCursor(ref) {
        const seenAfter = losses;
        const cursor = await port.getCursor(ref);
        cursorReadAfter.set(folderKey(ref.accountId, ref.folderPath), seenAfter);
        return cursor;
      },
      async applyHeaderDelta(delta) {
        const readAfter = cursorReadAfter.get(folderKey(delta.accountId, delta.folderPath));
        if (readAfter !== undefined && readAfter < losses) {
          throw new Error(`The cache was lost after this sync of ${delta.folderPath} began; the next sync fetches the folder again.`);
        }
        return port.applyHeaderDelta(delta);
      },
    };
  }

  return {
    guardStore,
    stop() {
      for (const handle of handles) handle.on('close').unsubscribe(closed);
      mirror.stop();
    },
  };
}
