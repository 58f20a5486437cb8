import { chmod, rm } from 'node:fs/promises';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import type { DeliveryQueue } from './queue';
import { listQueued, queueIdPattern, type QueuedMessage } from './queue-listing';
import type { Spool } from './spool';

/**
 * The running relay's control channel, for the queue commands (list, flush, delete) from
 * another process: a unix socket at `<spool>/control.sock`, mode 0600 inside the 0700 spool,
 * so the file system decides who may use it (only the spool's owner) with no password and
 * no port to guard. Signals could ask for a flush but carry neither an id nor an answer.
 * One JSON request line, one JSON reply line, then the connection closes.
 */
export type ControlRequest = { command: 'list' } | { command: 'flush' } | { command: 'delete'; id: string };
export type ControlReply = { ok: true; messages?: QueuedMessage[]; deleted?: boolean } | { ok: false; error: string };

export const controlSocketPath = (spool: string): string => join(spool, 'control.sock');

const maxRequestBytes = 4096;

export interface ControlServer {
  close(): Promise<void>;
}

/** Listens on the spool's control socket; the caller holds the spool lock, so a socket file left there is stale. */
export async function startControlServer(spoolDir: string, queue: DeliveryQueue, spool: Spool): Promise<ControlServer> {
  const path = controlSocketPath(spoolDir);
  await rm(path, { force: true });
  const server: Server = createServer((socket) => {
    let buffered = '';
    socket.setEncoding('utf8');
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('error', () => undefined);
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      const end = buffered.indexOf('\n');
      if (end < 0 && buffered.length <= maxRequestBytes) return;
      socket.removeAllListeners('data');
      void answer(end < 0 ? null : buffered.slice(0, end)).then((reply) => socket.end(`${JSON.stringify(reply)}\n`));
    });
  });

  async function answer(line: string | null): Promise<ControlReply> {
    const request = line === null ? null : parseRequest(line);
    if (!request) return { ok: false, error: 'malformed request' };
    try {
      if (request.command === 'list') return { ok: true, messages: await listQueued(queue.list(), spool) };
      if (request.command === 'flush') {
        await queue.flush();
        return { ok: true };
      }
      return { ok: true, deleted: await queue.delete(request.id) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  await chmod(path, 0o600);
  return {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function parseRequest(line: string): ControlRequest | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { command, id } = value as { command?: unknown; id?: unknown };
  if (command === 'list' || command === 'flush') return { command };
  if (command === 'delete' && typeof id === 'string' && queueIdPattern.test(id)) return { command, id };
  return null;
}

/** Sends one request to the relay running on `spoolDir`; null when none listens there. */
export function sendControl(spoolDir: string, request: ControlRequest): Promise<ControlReply | null> {
  return new Promise((resolve, reject) => {
    const socket = connect(controlSocketPath(spoolDir));
    let text = '';
    socket.setEncoding('utf8');
    socket.setTimeout(30_000, () => {
      socket.destroy();
      reject(new Error('the relay did not answer on its control socket'));
    });
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') resolve(null);
      else reject(error);
    });
    socket.on('end', () => {
      try {
        resolve(JSON.parse(text) as ControlReply);
      } catch {
        reject(new Error('the relay sent a malformed control reply'));
      }
    });
    socket.write(`${JSON.stringify(request)}\n`);
  });
}
