/** Runs the built standalone relay (`<build>/main/relay.js`) as a child process for tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Sink } from './test-kit';

// TERN_BUILD_DIR, as for the e2e specs, lets parallel work test its own build.
export const relayCli = resolve(__dirname, '../..', process.env.TERN_BUILD_DIR ?? 'out', 'main/relay.js');

export interface RunningCli {
  child: ChildProcess;
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startCli(args: string[]): Promise<RunningCli> {
  if (!existsSync(relayCli)) throw new Error(`${relayCli} is missing: run \`npx electron-vite build\` first`);
  const child = spawn(process.execPath, [relayCli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  child.stdout?.setEncoding('utf8').on('data', (d: string) => output.push(d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => output.push(d));
  await waitFor(() => output.join('').includes('listening on') || child.exitCode !== null, () => `relay did not start: ${output.join('')}`);
  if (child.exitCode !== null) throw new Error(`relay exited at start: ${output.join('')}`);
  return { child, output, exited };
}

export async function killCli(running: RunningCli, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (running.child.exitCode !== null || running.child.signalCode !== null) return;
  running.child.kill(signal);
  await running.exited;
}

export async function waitFor(done: () => boolean, why: () => string, limit = 90_000): Promise<void> {
  const deadline = Date.now() + limit;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(why());
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** How often each subject starting with `prefix` reached the sink. */
export function countBySubject(sink: Sink, prefix: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of sink.transactions) {
    const subject = /^Subject: (\S+)/m.exec(t.data)?.[1] ?? '';
    if (subject.startsWith(prefix)) counts.set(subject, (counts.get(subject) ?? 0) + 1);
  }
  return counts;
}
