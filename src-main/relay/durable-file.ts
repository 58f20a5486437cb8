import { open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes `data` to `path` so that after a crash the file is either the old one or the whole
 * new one: temp file, fsync, rename over the target, fsync the directory (so the rename
 * itself is on disk, which POSIX does not promise without it).
 */
export async function writeFileDurably(path: string, data: string | Uint8Array): Promise<void> {
  await writeFilesDurably(dirname(path), [[basename(path), data]]);
}

/**
 * The same for several files in one directory, renamed in the order given, with a single
 * directory fsync at the end (one fsync fewer per queued message). After a crash any prefix
 * of the renames may have happened; callers list the file that makes the set valid last.
 */
export async function writeFilesDurably(dir: string, files: Array<[name: string, data: string | Uint8Array]>): Promise<void> {
  const temps = files.map(([name]) => join(dir, `.tmp-${name}-${randomBytes(4).toString('hex')}`));
  await Promise.all(
    files.map(async ([, data], i) => {
      const handle = await open(temps[i] as string, 'wx', 0o600);
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }),
  );
  for (const [i, [name]] of files.entries()) await rename(temps[i] as string, join(dir, name));
  await syncDirectory(dir);
}

export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
