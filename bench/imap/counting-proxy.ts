/**
 * A TCP proxy on loopback that counts the bytes passing each way, to measure what a sync
 * costs on the wire (imapflow does not expose its socket's byte counts).
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface CountingProxy {
  port: number;
  /** Bytes client→server and server→client since the last reset. */
  bytes(): { up: number; down: number };
  reset(): void;
  close(): Promise<void>;
}

export async function startCountingProxy(host: string, port: number): Promise<CountingProxy> {
  let up = 0;
  let down = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(port, host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.on('data', (chunk: Buffer) => void (up += chunk.length));
    upstream.on('data', (chunk: Buffer) => void (down += chunk.length));
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    port: address.port,
    bytes: () => ({ up, down }),
    reset: () => void ((up = 0), (down = 0)),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
