/**
 * Notices changes in the watched folders between sync passes, and names the folders that
 * need one: IDLE on INBOX where the server offers it (RFC 2177), and STATUS polling of the
 * other subscribed folders (RFC 3501 §6.3.10; HIGHESTMODSEQ in STATUS is RFC 7162
 * §3.1.2.3) at a modest interval, one command at a time on the account's one connection.
 * Without IDLE, INBOX is polled like the rest. The folder list is polled more often
 * (folder-list-watch.ts), so a folder made, renamed or deleted elsewhere shows within seconds.
 *
 * A folder has changed when its UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ or message count
 * differs from what was last seen; the first look compares with the cursor of the last
 * sync, so mail that arrived between the pass and the first STATUS is not missed.
 */
import type { SyncCursor } from '../../../src-shared/model';
import type { FolderStatus, ImapConnection } from '../imap/imap-connection';
import { FOLDER_LIST_POLL_MS, folderListChanges, snapshotOf, type FolderListSnapshot } from './folder-list-watch';

export interface WatchedFolders {
  /** INBOX's path, or null when the account has none. */
  inbox: string | null;
  /** Every folder to watch, INBOX included. */
  paths: string[];
}

type Seen = Partial<FolderStatus>;

export class ChangeWatch {
  private readonly seen = new Map<string, Seen>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private idling: string | null = null;
  private folderList: FolderListSnapshot | null = null;
  /** When the STATUS sweep last ran; the folder list is looked at on every tick in between. */
  private sweptAt = 0;

  constructor(
    private readonly connection: ImapConnection,
    private readonly folders: WatchedFolders,
    private readonly pollMs: number,
    private readonly onChange: (paths: string[]) => void,
    /** The watch stopped on an error after `start` (a failing `start` rejects instead). */
    private readonly onFailure: (error: unknown) => void,
  ) {}

  /**
   * Starts watching from the folders' cursors; `onChange` is called at most once per watch,
   * with the folders to sync (none when only folders were deleted: the pass relists them).
   */
  async start(cursorOf: (path: string) => Promise<SyncCursor | null>): Promise<void> {
    this.idling = this.connection.canIdle ? this.folders.inbox : null;
    this.folderList = snapshotOf((await this.connection.listFolders()).folders);
    for (const path of this.folders.paths) {
      const cursor = await cursorOf(path);
      if (cursor) this.seen.set(path, { uidValidity: cursor.uidValidity, uidNext: cursor.uidNext, highestModseq: cursor.highestModseq });
    }
    // The first look includes INBOX: mail may have arrived during the pass, after it was synced.
    await this.poll(true);
  }

  /** Reports a change the server announced while IDLE (or in any response) for a watched folder. */
  announced(path: string): void {
    if (!this.stopped && this.folders.paths.includes(path)) this.report([path]);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async poll(everyFolder = false): Promise<void> {
    if (this.folderList !== null) {
      const now = snapshotOf((await this.connection.listFolders()).folders);
      if (this.stopped) return;
      const folderChanges = folderListChanges(this.folderList, now);
      if (folderChanges !== null) return this.report(folderChanges);
    }
    const sweep = everyFolder || Date.now() - this.sweptAt >= this.pollMs;
    const changed: string[] = [];
    for (const path of sweep ? this.folders.paths : []) {
      if (this.stopped) return;
      if (path === this.idling && !everyFolder) continue;
      let status: FolderStatus;
      try {
        status = await this.connection.status(path);
      } catch (error) {
        // A folder deleted meanwhile is the next pass's business; a broken connection ends the watch.
        if (!this.connection.usable) throw error;
        continue;
      }
      if (differs(this.seen.get(path), status)) changed.push(path);
      this.seen.set(path, status);
    }
    if (this.stopped) return;
    if (sweep) this.sweptAt = Date.now();
    if (changed.length > 0) {
      this.report(changed);
      return;
    }
    // The STATUS commands ended IDLE (imapflow sends DONE first); take it up again. Mail that
    // arrived since INBOX's STATUS shows only in the SELECT that starts IDLE.
    if (this.idling !== null) {
      const selected = await this.connection.idle(this.idling);
      if (this.stopped) return;
      if (differs(this.seen.get(this.idling), selected)) return this.report([this.idling]);
      this.seen.set(this.idling, selected);
    }
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.poll().catch((error: unknown) => this.fail(error)), Math.min(this.pollMs, FOLDER_LIST_POLL_MS));
    this.timer.unref();
  }

  private fail(error: unknown): void {
    if (this.stopped) return;
    this.stop();
    this.onFailure(error);
  }

  private report(paths: string[]): void {
    this.stop();
    this.onChange(paths);
  }
}

/** Only what both sides know is compared: a server may leave any STATUS item out. */
function differs(before: Seen | undefined, now: FolderStatus): boolean {
  if (before === undefined) return false;
  return (['uidValidity', 'uidNext', 'messages', 'highestModseq'] as const).some((key) => {
    const was = before[key];
    const is = now[key];
    return was !== undefined && was !== null && is !== null && was !== is;
  });
}
