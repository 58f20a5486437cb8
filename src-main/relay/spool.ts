import { mkdir, readdir, readFile, rm, open, unlink } from 'node:fs/promises';
import { createReadStream, type ReadStream } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { writeFileDurably, writeFilesDurably } from './durable-file';
import { parseEnvelope, type Envelope } from './envelope';

/**
 * The on-disk queue: `queue/<id>.eml` (the message, Received header included) and
 * `queue/<id>.json` (its envelope). The envelope is written after the message, so an
 * envelope file always has its whole message; a message without an envelope is a submission
 * that was never answered 250 and is removed at start-up.
 */
export class Spool {
  readonly queueDir: string;
  private readonly saving = new Map<string, Promise<void>>();

  constructor(root: string) {
    this.queueDir = join(root, 'queue');
  }

  async open(): Promise<void> {
    await mkdir(this.queueDir, { recursive: true, mode: 0o700 });
  }

  static newId(now: number): string {
    // Time first so a directory listing is roughly in arrival order.
    return `${now.toString(36)}-${randomBytes(6).toString('hex')}`;
  }

  /** Stores a message durably; resolves only when both files are fsynced and renamed. */
  async enqueue(message: Uint8Array, envelope: Envelope): Promise<void> {
    // The envelope is renamed last: it is what makes the message part of the queue.
    await writeFilesDurably(this.queueDir, [
      [`${envelope.id}.eml`, message],
      [`${envelope.id}.json`, JSON.stringify(envelope)],
    ]);
  }

  /** Saves an envelope atomically; saves of one envelope are serialised in call order. */
  saveEnvelope(envelope: Envelope): Promise<void> {
    const snapshot = JSON.stringify(envelope);
    const previous = this.saving.get(envelope.id) ?? Promise.resolve();
    const next = previous.then(() => writeFileDurably(this.envelopePath(envelope.id), snapshot));
    const settled = next.catch(() => undefined);
    this.saving.set(envelope.id, settled);
    void settled.then(() => {
      if (this.saving.get(envelope.id) === settled) this.saving.delete(envelope.id);
    });
    return next;
  }

  readMessage(id: string): Promise<Buffer> {
    return readFile(this.messagePath(id));
  }

  messageStream(id: string): ReadStream {
    return createReadStream(this.messagePath(id));
  }

  async messageSize(id: string): Promise<number> {
    const handle = await open(this.messagePath(id), 'r');
    try {
      return (await handle.stat()).size;
    } finally {
      await handle.close();
    }
  }

  /**
   * Removes a finished message: envelope first, so a crash never leaves an envelope without
   * its message. Not fsynced: if a crash undoes the removal, the message is sent again, the
   * duplicate SMTP already allows (RFC 5321 §6.1), and nothing is lost.
   */
  async remove(id: string): Promise<void> {
    await (this.saving.get(id) ?? Promise.resolve());
    await removeIfPresent(this.envelopePath(id));
    await removeIfPresent(this.messagePath(id));
  }

  /** Loads every queued envelope, cleaning up temp files and unanswered submissions. */
  async loadAll(onBad: (file: string, error: unknown) => void): Promise<Envelope[]> {
    const names = await readdir(this.queueDir);
    const envelopes: Envelope[] = [];
    for (const name of names) {
      if (name.startsWith('.tmp-')) {
        await rm(join(this.queueDir, name), { force: true });
        continue;
      }
      if (!name.endsWith('.json')) continue;
      try {
        const envelope = parseEnvelope(await readFile(join(this.queueDir, name), 'utf8'));
        if (!names.includes(`${envelope.id}.eml`)) throw new Error('its message file is missing');
        envelopes.push(envelope);
      } catch (error) {
        // Kept on disk for a person to look at, but not delivered.
        onBad(name, error);
      }
    }
    for (const name of names) {
      if (name.endsWith('.eml') && !names.includes(`${name.slice(0, -4)}.json`)) {
        await rm(join(this.queueDir, name), { force: true });
      }
    }
    return envelopes;
  }

  private messagePath(id: string): string {
    return join(this.queueDir, `${id}.eml`);
  }

  private envelopePath(id: string): string {
    return join(this.queueDir, `${id}.json`);
  }
}

/** unlink, where a file already gone is fine; cheaper than rm, which stats first. */
async function removeIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
