/**
 * Collects downloaded messages and stores them a batch at a time: one strict-durability
 * transaction (a disk flush) per batch instead of per message, which is what a first
 * download of thousands of messages spends its time on. A batch stays small enough to
 * cross the process boundary as one message (at most 100 messages or about 4 MB).
 */
import type { StoreArgs, StorePort } from '../../../src-shared/store-port';

type Download = StoreArgs<'applyPop3Download'>['downloads'][number];

const MAX_MESSAGES = 100;
const MAX_BYTES = 4 * 1024 * 1024;

export class DownloadBatch {
  private pending: Download[] = [];
  private bytes = 0;

  constructor(
    private readonly store: StorePort,
    private readonly accountId: string,
    /** Told how many messages each flush stored. */
    private readonly stored: (count: number) => void,
  ) {}

  async add(download: Download, rawBytes: number): Promise<void> {
    this.pending.push(download);
    this.bytes += rawBytes;
    if (this.pending.length >= MAX_MESSAGES || this.bytes >= MAX_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const downloads = this.pending;
    this.pending = [];
    this.bytes = 0;
    await this.store.applyPop3Download({ accountId: this.accountId, downloads });
    this.stored(downloads.length);
  }
}
