/**
 * A man in the middle for tests: forwards TCP to an IMAP server but removes STARTTLS from
 * every capability list the server sends (the classic downgrade attack, RFC 3501 §6.2.1),
 * and keeps what the client sent so a test can prove no credentials crossed in clear.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface StrippingProxy {
  port: number;
  /** Everything the clients sent, as text. */
  readonly clientBytes: () => string;
  close(): Promise<void>;
}

export async function startStartTlsStrippingProxy(upstreamPort: number): Promise<StrippingProxy> {
  let sent = '';
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(upstreamPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    let pending = '';
    upstream.on('data', (chunk: Buffer) => {
      // Line by line, so a capability list split across reads is still rewritten.
      pending += chunk.toString('latin1');
      const end = pending.lastIndexOf('\r\n');
      if (end < 0) return;
      client.write(Buffer.from(pending.slice(0, end + 2).replace(/ STARTTLS\b/gi, ''), 'latin1'));
      pending = pending.slice(end + 2);
    });
    client.on('data', (chunk: Buffer) => {
      sent += chunk.toString('latin1');
      upstream.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no TCP address');
  return {
    port: address.port,
    clientBytes: () => sent,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
