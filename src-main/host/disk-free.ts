/**
 * Free space on the disk that holds a directory, for the engine's cache-disk floor
 * (engine/sync/body-background.ts). Null when the system cannot say: the download then
 * goes on as before rather than stopping for a reading it does not have.
 */
import { statfs } from 'node:fs/promises';

export async function freeBytesOn(dir: string): Promise<number | null> {
  try {
    const { bavail, bsize } = await statfs(dir);
    return bavail * bsize;
  } catch {
    return null;
  }
}
