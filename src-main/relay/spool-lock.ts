import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * One owner per spool: a running relay, or a queue command working on the files while no
 * relay runs. The lock is `<spool>/relay.lock`, created exclusively (O_EXCL) and holding the
 * owner's pid. A lock whose pid no longer exists was left by a crash (SIGKILL, power loss)
 * and is taken over; pids can be reused, so after a crash and a reboot a stale lock may
 * look held until that pid is gone, which only delays, never corrupts.
 */
export interface SpoolLock {
  release(): Promise<void>;
}

export class SpoolBusyError extends Error {
  constructor(
    readonly pid: number,
    spool: string,
  ) {
    super(`the spool ${spool} is in use by process ${pid}`);
  }
}

export const lockPath = (spool: string): string => join(spool, 'relay.lock');

export async function acquireSpoolLock(spool: string): Promise<SpoolLock> {
  const path = lockPath(spool);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      try {
        await handle.writeFile(`${process.pid}\n`);
      } finally {
        await handle.close();
      }
      return { release: () => rm(path, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await lockHolder(spool);
    if (holder !== null && holder !== process.pid && isAlive(holder)) throw new SpoolBusyError(holder, spool);
    if (holder === process.pid) throw new SpoolBusyError(holder, spool);
    // Stale (its process is gone) or unreadable: remove it and try once more.
    await rm(path, { force: true });
  }
  throw new Error(`could not lock the spool ${spool}`);
}

/** The pid in the lock file, or null when there is none or it is not a pid. */
export async function lockHolder(spool: string): Promise<number | null> {
  const text = await readFile(lockPath(spool), 'utf8').catch(() => '');
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
