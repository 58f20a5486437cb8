/**
 * Writes that survive a crash or power cut: the bytes go to a temporary file, are fsynced,
 * renamed over the target, and the directory is fsynced so the rename itself is on disk.
 * A reader therefore sees the old file or the new one, never a torn one.
 */
import { createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * With `syncDirectory: false` the rename is left for a later directory fsync to persist
 * (one fsync of a directory makes every earlier change to its entries durable).
 */
export async function writeFileDurably(path: string, content: string | Buffer | Readable, { syncDirectory = true } = {}): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    if (typeof content === 'string' || Buffer.isBuffer(content)) {
      const handle = await open(temp, 'w', 0o600);
      try {
        await handle.writeFile(content);
        await handle.sync();
      } finally {
        await handle.close();
      }
    } else {
      await pipeline(content, createWriteStream(temp, { mode: 0o600 }));
      await syncFile(temp);
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  if (syncDirectory) await syncFile(dirname(path));
}

/** fsync of a file or directory by path. */
export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
