/**
 * Runs the built web host (`out/main/web.js`, as `npm run web` does) in a child process
 * and hands back the address it prints. Tests restart it on the same port to "reopen the
 * app": the browser's IndexedDB is keyed by origin, so the cache is found again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** Where `electron-vite build` wrote the app; TERN_BUILD_DIR lets parallel work use its own. */
const buildDir = process.env.TERN_BUILD_DIR ?? 'out';

export interface WebHostProcess {
  url: string;
  port: number;
  /** The child's process id (benchmarks read its RSS and CPU time from /proc). */
  pid: number;
  stop(): Promise<void>;
}

/** `inspectPort` opens Node's inspector on loopback (benchmarks read the host's heap through it). */
export async function startWebHostProcess(options: { port: number; profileDir: string; inspectPort?: number }): Promise<WebHostProcess> {
  const inspect = options.inspectPort === undefined ? [] : [`--inspect=127.0.0.1:${options.inspectPort}`];
  const child = spawn(process.execPath, [...inspect, join(buildDir, 'main/web.js'), '--port', String(options.port), '--profile', options.profileDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start in time:\n${output.join('')}`)), 20_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(line);
      const match = /^Open (http:\/\/\S+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code}:\n${output.join('\n')}`));
    });
  });
  return { url, port: options.port, pid: child.pid!, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
