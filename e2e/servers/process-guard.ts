import type { ChildProcess } from 'node:child_process';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

// Keeps test servers from outliving the test process that started them.

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Sends SIGTERM to the child when this Node process exits without stopping it. */
export function killOnExit(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const c of live) c.kill('SIGTERM');
  });
}

export const OWNER_FILE = 'owner.pid';

/**
 * Cleans up after test processes that died without dispose() (killed worker, SIGKILL): for each
 * `<root>/<prefix>*` dir whose owner pid is gone, stops its dovecot master and deletes the dir.
 * Dirs without an owner file are skipped while young: their creator may still be writing it.
 */
export async function reapStaleInstances(root: string, prefix: string): Promise<void> {
  const names = await readdir(root).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith(prefix))) {
    const dir = join(root, name);
    const owner = await readPid(join(dir, OWNER_FILE));
    if (owner === undefined) {
      const age = await stat(dir).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age < 10 * 60_000) continue;
    } else if (isAlive(owner)) {
      continue;
    }
    const master = await readPid(join(dir, 'run', 'master.pid'));
    if (master !== undefined && (await commandLine(master)).includes(dir)) {
      try {
        process.kill(master, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function readPid(path: string): Promise<number | undefined> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The process's argv joined by spaces ('' if unknown), so a reused pid is never mistaken. */
async function commandLine(pid: number): Promise<string> {
  const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return raw.split('\0').join(' ');
}
