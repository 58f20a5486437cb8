/**
 * CPU seconds of the process trees a benchmark run involves, from /proc (Linux): where a
 * run's time went when several processes share the machine's two cores. Chromium keeps
 * IndexedDB in its browser process and the page's JavaScript in a renderer, and the engine
 * runs in the web host, so a wall-clock time alone cannot say which of them is the limit.
 */
import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

interface ProcessInfo {
  pid: number;
  ppid: number;
  seconds: number;
  cmdline: string;
}

export interface TreeRoot {
  label: string;
  pid: number;
}

/** CPU seconds so far per process kind: the root's label, plus Chromium's `--type` where a process has one. */
export type CpuSnapshot = Map<string, number>;

async function processes(): Promise<ProcessInfo[]> {
  const found: ProcessInfo[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: the fields follow the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      found.push({ pid: Number(entry), ppid: Number(fields[1]), seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND, cmdline });
    } catch {
      // The process ended while the list was read.
    }
  }
  return found;
}

/** The process whose command line holds `fragment`, and (optionally) not `unless`. */
export async function findPid(fragment: string, unless?: string): Promise<number> {
  const found = (await processes()).find((p) => p.cmdline.includes(fragment) && !(unless && p.cmdline.includes(unless)));
  if (!found) throw new Error(`no process with "${fragment}" in its command line`);
  return found.pid;
}

/** The Chromium browser process started with this user data directory (the one without `--type`). */
export function chromiumPid(userDataDir: string): Promise<number> {
  return findPid(`--user-data-dir=${userDataDir}`, '--type=');
}

export async function cpuSnapshot(roots: readonly TreeRoot[]): Promise<CpuSnapshot> {
  const all = await processes();
  const byPid = new Map(all.map((p) => [p.pid, p]));
  const rootOf = (p: ProcessInfo): TreeRoot | undefined => {
    for (let at: ProcessInfo | undefined = p; at; at = byPid.get(at.ppid)) {
      const root = roots.find((r) => r.pid === at!.pid);
      if (root) return root;
      if (at.ppid <= 1) return undefined;
    }
    return undefined;
  };
  const snapshot: CpuSnapshot = new Map();
  for (const p of all) {
    const root = rootOf(p);
    if (!root) continue;
    const type = /--type=(\S+)/.exec(p.cmdline)?.[1];
    const kind = type ? `${root.label} ${type}` : root.label;
    snapshot.set(kind, (snapshot.get(kind) ?? 0) + p.seconds);
  }
  return snapshot;
}

/** "kind s" lines of the CPU spent between two snapshots, most first (processes that ended between are not counted). */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): string[] {
  return [...after]
    .map(([kind, seconds]) => [kind, seconds - (before.get(kind) ?? 0)] as const)
    .filter(([, seconds]) => seconds >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, seconds]) => `${kind}: ${seconds.toFixed(1)} s`);
}
