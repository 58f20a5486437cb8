/**
 * A fault-injecting TCP proxy for tests (DESIGN.md, "Testing"): forwards loopback
 * connections to a server and, when told, breaks them the ways networks and servers do:
 *
 * - `cutAfter(pattern, bytes)`: once the server has sent `pattern` and then `bytes` more on a
 *   connection, both sides are dropped (a connection cut in the middle of a FETCH);
 * - `stallAfter(pattern)`: once the server has sent `pattern`, nothing more passes either
 *   way, but the connection stays open (a hung server);
 * - `garbageAfter(pattern, line)`: after the first server line holding `pattern`, `line` is
 *   slipped into the stream as if the server had sent it.
 *
 * Each fault applies to the next connection that meets it, once; later connections pass
 * untouched, so a test can prove the engine recovers. `dropAll` ends every open connection
 * at once, as a server restart does to its sessions.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

type Fault =
  | { kind: 'cut'; pattern: string; bytes: number }
  | { kind: 'stall'; pattern: string }
  | { kind: 'garbage'; pattern: string; line: string };

export interface FaultProxy {
  readonly port: number;
  cutAfter(pattern: string, bytes: number): void;
  stallAfter(pattern: string): void;
  garbageAfter(pattern: string, line: string): void;
  /** Whether the armed fault has happened. */
  readonly fired: boolean;
  /** Connections accepted so far. */
  readonly connections: number;
  dropAll(): void;
  close(): Promise<void>;
}

export async function startFaultProxy(upstreamPort: number, upstreamHost = '127.0.0.1'): Promise<FaultProxy> {
  let armed: Fault | null = null;
  let fired = false;
  let connections = 0;
  const sockets = new Set<Socket>();

  const server: Server = createServer((client) => {
    connections++;
    const upstream = connect(upstreamPort, upstreamHost);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => sockets.delete(socket));
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());

    let stalled = false;
    // Server bytes seen since the armed pattern appeared on this connection, or -1 before.
    let sincePattern = -1;
    // Kept so a pattern split across two reads is still found.
    let tail = '';
    client.on('data', (chunk: Buffer) => {
      if (!stalled) upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (stalled) return;
      const fault = armed;
      if (fault === null) return void client.write(chunk);
      const text = tail + chunk.toString('latin1');
      tail = text.slice(-fault.pattern.length);
      if (sincePattern < 0) {
        const at = text.indexOf(fault.pattern);
        if (at < 0) return void client.write(chunk);
        sincePattern = text.length - at - fault.pattern.length;
      } else {
        sincePattern += chunk.length;
      }
      switch (fault.kind) {
        case 'cut':
          if (sincePattern < fault.bytes) return void client.write(chunk);
          disarm();
          client.write(chunk.subarray(0, Math.max(0, chunk.length - (sincePattern - fault.bytes))));
          client.destroy();
          upstream.destroy();
          return;
        case 'stall':
          disarm();
          stalled = true;
          return;
        case 'garbage': {
          // Inserted at the end of the line holding the pattern, so it reads as a line of its own.
          const lineEnd = chunk.indexOf('\r\n', Math.max(0, chunk.length - sincePattern));
          if (lineEnd < 0) return void client.write(chunk);
          disarm();
          client.write(Buffer.concat([chunk.subarray(0, lineEnd + 2), Buffer.from(`${fault.line}\r\n`, 'latin1'), chunk.subarray(lineEnd + 2)]));
          return;
        }
      }
    });
  });

  const disarm = () => {
    armed = null;
    fired = true;
  };
  const arm = (fault: Fault) => {
    armed = fault;
    fired = false;
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fault proxy has no TCP address');
  return {
    port: address.port,
    cutAfter: (pattern, bytes) => arm({ kind: 'cut', pattern, bytes }),
    stallAfter: (pattern) => arm({ kind: 'stall', pattern }),
    garbageAfter: (pattern, line) => arm({ kind: 'garbage', pattern, line }),
    get fired() {
      return fired;
    },
    get connections() {
      return connections;
    },
    dropAll: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
