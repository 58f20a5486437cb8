/**
 * The outbox on disk, in the main process's profile: one JSON record and one finished
 * RFC 5322 file per entry, each written durably (durable-write.ts), plus the attachment
 * blobs the composer stages in chunks before it queues. The message file is written before
 * its record, so a record always has its bytes; a message file without a record is a queue
 * that never completed and is removed at start-up.
 *
 * Kept here rather than in IndexedDB because a 50 MB attachment would otherwise cross the
 * store port as one JSON value, and because the engine must know an entry's state
 * ("submitted") without a window being open.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { appendFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { blobIdSchema, draftIdSchema, outboxEntrySchema } from '../../../src-shared/outgoing';
import { syncFile, writeFileDurably } from './durable-write';

/** An entry with what the engine needs to submit it again after a restart. */
export const spooledEntrySchema = outboxEntrySchema.extend({
  envelopeFrom: z.string().max(400),
  needsSmtpUtf8: z.boolean(),
  /** The copy in the Sent folder: still to save, saved, or not wanted (the server saves it). */
  sentCopy: z.enum(['pending', 'saved', 'skipped']),
  /** The draft this message was written as, removed from the server's Drafts once sent. */
  draftId: draftIdSchema.nullable().default(null),
});
export type SpooledEntry = z.infer<typeof spooledEntrySchema>;

/** Larger staged files are refused: no submission server takes them. */
export const MAX_BLOB_BYTES = 100 * 1024 * 1024;
/** Staged blobs nobody queued (a composer closed without sending) are removed after this. */
const ABANDONED_BLOB_MS = 24 * 60 * 60_000;

export const newSpoolId = (): string => randomBytes(16).toString('hex');

export class OutboxSpool {
  private readonly entriesDir: string;
  private readonly blobsDir: string;

  constructor(dir: string) {
    this.entriesDir = join(dir, 'entries');
    this.blobsDir = join(dir, 'blobs');
  }

  /** Creates the directories and clears what a crash left half done. */
  async open(now: number): Promise<SpooledEntry[]> {
    await mkdir(this.entriesDir, { recursive: true, mode: 0o700 });
    await mkdir(this.blobsDir, { recursive: true, mode: 0o700 });
    const entries: SpooledEntry[] = [];
    const names = await readdir(this.entriesDir);
    for (const name of names) {
      const id = name.slice(0, 32);
      if (name.endsWith('.tmp')) await rm(join(this.entriesDir, name), { force: true });
      else if (name.endsWith('.eml') && !names.includes(`${id}.json`)) await rm(join(this.entriesDir, name), { force: true });
      else if (name.endsWith('.json')) entries.push(spooledEntrySchema.parse(JSON.parse(await readFile(join(this.entriesDir, name), 'utf8'))));
    }
    for (const name of await readdir(this.blobsDir)) {
      const path = join(this.blobsDir, name);
      if (now - (await stat(path)).mtimeMs > ABANDONED_BLOB_MS) await rm(path, { force: true });
    }
    return entries.sort((a, b) => a.createdAt - b.createdAt);
  }

  async createBlob(): Promise<string> {
    const id = newSpoolId();
    await writeFile(join(this.blobsDir, id), new Uint8Array(0), { mode: 0o600 });
    return id;
  }

  /** Appends a chunk at `offset`, which must be the blob's current size (a lost or repeated chunk is refused). */
  async appendBlob(blobId: string, offset: number, data: Buffer): Promise<number> {
    const path = this.blobPath(blobId);
    const size = (await stat(path).catch(() => null))?.size;
    if (size === undefined) throw new Error('This attachment is no longer staged; attach it again.');
    if (size !== offset) throw new Error(`Attachment upload out of order (at ${size} bytes, got a chunk for ${offset}).`);
    if (size + data.length > MAX_BLOB_BYTES) throw new Error(`Attachments are limited to ${MAX_BLOB_BYTES / 1024 / 1024} MB.`);
    await appendFile(path, data);
    return size + data.length;
  }

  async blobExists(blobId: string): Promise<boolean> {
    return (await stat(this.blobPath(blobId)).catch(() => null)) !== null;
  }

  openBlob(blobId: string): Readable {
    return createReadStream(this.blobPath(blobId));
  }

  async removeBlob(blobId: string): Promise<void> {
    await rm(this.blobPath(blobId), { force: true });
  }

  /** Writes the message bytes, then the record: only then is the entry queued. */
  async add(entry: SpooledEntry, message: Readable): Promise<number> {
    const messagePath = this.messagePath(entry.id);
    // The record's directory fsync below makes this rename durable too (same directory).
    await writeFileDurably(messagePath, message, { syncDirectory: false });
    const size = (await stat(messagePath)).size;
    await this.save({ ...entry, size });
    return size;
  }

  save(entry: SpooledEntry): Promise<void> {
    return writeFileDurably(join(this.entriesDir, `${entry.id}.json`), JSON.stringify(spooledEntrySchema.parse(entry)));
  }

  openMessage(id: string): Readable {
    return createReadStream(this.messagePath(id));
  }

  readMessage(id: string): Promise<Buffer> {
    return readFile(this.messagePath(id));
  }

  /**
   * Record first: a message file without a record is cleared at the next start. Durable,
   * because a removal can be the only record that a message was sent.
   */
  async remove(id: string): Promise<void> {
    await rm(join(this.entriesDir, `${id}.json`), { force: true });
    await syncFile(this.entriesDir);
    await rm(this.messagePath(id), { force: true });
  }

  private messagePath(id: string): string {
    return join(this.entriesDir, `${id}.eml`);
  }

  private blobPath(blobId: string): string {
    // Parsed again here: the id names a file, and nothing from outside may steer the path.
    return join(this.blobsDir, blobIdSchema.parse(blobId));
  }
}
