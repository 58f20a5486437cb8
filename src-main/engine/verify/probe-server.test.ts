// Probes against scripted loopback servers that misbehave in the ways a hostile or broken
// server can: wrong protocol, STARTTLS hidden, data injected before the TLS handshake, and
// a flood of lines.
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeServer } from './probe-server';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server that answers each line it receives with `reply(line)` after sending `greeting`. */
async function scripted(greeting: string, reply: (line: string, socket: Socket) => string | null): Promise<number> {
  server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.write(greeting);
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      let end: number;
      while ((end = buffer.indexOf('\n')) !== -1) {
        const answer = reply(buffer.slice(0, end).trim(), socket);
        buffer = buffer.slice(end + 1);
        if (answer !== null) socket.write(answer);
      }
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

const options = { trustedCertificates: [], timeoutMs: 3_000 };

describe('probing a server without logging in', () => {
  it('reads IMAP capabilities on a plaintext connection', async () => {
    const port = await scripted('* OK ready\r\n', (line) => (line.startsWith('p1') ? '* CAPABILITY IMAP4rev1 IDLE AUTH=PLAIN\r\np1 OK done\r\n' : null));
    expect(await probeServer({ protocol: 'imap', host: '127.0.0.1', port, security: 'none' }, options)).toEqual({ kind: 'ok', capabilities: ['IMAP4REV1', 'IDLE', 'AUTH=PLAIN'], tls: null });
  });

  it('says when STARTTLS is required but not offered', async () => {
    const port = await scripted('220 mx ESMTP\r\n', (line) => (line.startsWith('EHLO') ? '250-mx\r\n250 AUTH PLAIN\r\n' : null));
    expect(await probeServer({ protocol: 'smtp', host: '127.0.0.1', port, security: 'starttls' }, options)).toMatchObject({ kind: 'tls-not-offered' });
  });

  it('refuses data injected after the STARTTLS reply', async () => {
    const port = await scripted('+OK pop\r\n', (line) => (line === 'CAPA' ? '+OK\r\nSTLS\r\nUIDL\r\n.\r\n' : line === 'STLS' ? '+OK go\r\n-ERR injected\r\n' : null));
    expect(await probeServer({ protocol: 'pop3', host: '127.0.0.1', port, security: 'starttls' }, options)).toMatchObject({ kind: 'not-this-protocol', detail: expect.stringContaining('STARTTLS injection') });
  });

  it('tells a server of another protocol apart', async () => {
    const port = await scripted('220 smtp here\r\n', () => null);
    expect(await probeServer({ protocol: 'imap', host: '127.0.0.1', port, security: 'none' }, options)).toMatchObject({ kind: 'not-this-protocol' });
  });

  it('stops reading a flood of lines', async () => {
    const port = await scripted('* OK ready\r\n', (line) => (line.startsWith('p1') ? '* CAPABILITY X\r\n'.repeat(2_000) : null));
    expect(await probeServer({ protocol: 'imap', host: '127.0.0.1', port, security: 'none' }, options)).toMatchObject({ kind: 'not-this-protocol', detail: expect.stringContaining('far more lines') });
  });

  it('reports a closed port as unreachable', async () => {
    const port = await scripted('', () => null);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    expect(await probeServer({ protocol: 'imap', host: '127.0.0.1', port, security: 'tls' }, options)).toMatchObject({ kind: 'unreachable' });
  });
});
