import { connect } from 'node:net';

// TCP probes that tell when Dovecot is ready (it greets) and when it is gone (refused).

const HOST = '127.0.0.1';

/** Reads the first line the server sends, or undefined if it does not connect/answer in time. */
export function readGreeting(port: number, timeoutMs = 2_000): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    let buffer = '';
    const finish = (line: string | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(line);
    };
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const end = buffer.indexOf('\n');
      if (end >= 0) finish(buffer.slice(0, end).replace(/\r$/, ''));
    });
    socket.on('error', () => finish(undefined));
    socket.on('close', () => finish(undefined));
  });
}

/** True if something accepts TCP connections on the port. */
export function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls until `check` is true; gives up (returns false) at the deadline or when `abort` is true. */
export async function pollUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  abort: () => boolean = () => false,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (abort()) return false;
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
