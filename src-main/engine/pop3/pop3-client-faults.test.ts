// Faults a real server will not produce on demand, through a scripted server on loopback.
import { afterEach, describe, expect, it } from 'vitest';
import { startFakePop3Server, standardAnswer, type FakePop3Server, type Script } from '../testing/fake-pop3-server';
import { Pop3Client } from './pop3-client';

let server: FakePop3Server | undefined;
afterEach(() => server?.close());

async function connectTo(script: Script, greeting = '+OK ready\r\n', security: 'none' | 'starttls' = 'none') {
  server = await startFakePop3Server(greeting, script);
  return Pop3Client.connect({ host: '127.0.0.1', port: server.port, security, user: 'u', password: 'pw', timeoutMs: 2_000 });
}

describe('POP3 client against a misbehaving server', () => {
  it('names a locked maildrop ([IN-USE]) and a too-early login ([LOGIN-DELAY])', async () => {
    await expect(connectTo((c) => (c.startsWith('PASS') ? '-ERR [IN-USE] Do you have another POP session running?\r\n' : standardAnswer(c)))).rejects.toMatchObject({
      kind: 'in-use',
      serverText: '[IN-USE] Do you have another POP session running?',
    });
    await server?.close();
    await expect(connectTo((c) => (c.startsWith('PASS') ? '-ERR [LOGIN-DELAY] wait 15 minutes\r\n' : standardAnswer(c)))).rejects.toMatchObject({ kind: 'login-delay' });
  });

  it('never puts the password in an error message', async () => {
    const failure = await connectTo((c) => (c.startsWith('PASS') ? '-ERR nope\r\n' : standardAnswer(c))).catch((e: Error) => e);
    expect(failure).toMatchObject({ kind: 'auth' });
    expect(String((failure as Error).message)).not.toContain('pw');
  });

  it('refuses to guess without UIDL, and downloads nothing', async () => {
    const client = await connectTo((c) => (c === 'UIDL' ? '-ERR unknown command\r\n' : standardAnswer(c)));
    await expect(client.uidl()).rejects.toMatchObject({ kind: 'unsupported', message: expect.stringMatching(/does not support UIDL/) });
    expect(server!.commands.some((c) => c.startsWith('RETR'))).toBe(false);
    await client.quit();
  });

  it('turns an over-long line and a malformed listing into protocol errors', async () => {
    const client = await connectTo((c) => (c === 'LIST' ? `+OK\r\n1 ${'9'.repeat(9000)}\r\n.\r\n` : c === 'UIDL' ? '+OK\r\n1 ok\r\n1 ok\r\n.\r\n' : standardAnswer(c)));
    await expect(client.list()).rejects.toMatchObject({ kind: 'protocol' });
    await server?.close();
    const again = await connectTo((c) => (c === 'UIDL' ? '+OK\r\n1 ok\r\n2 ok\r\n.\r\n' : standardAnswer(c)));
    await expect(again.uidl()).rejects.toThrow(/same UIDL/);
  });

  it('reports a connection cut in the middle of a message, and sends no QUIT after it', async () => {
    const client = await connectTo((c) => (c.startsWith('RETR') ? 'drop' : standardAnswer(c)));
    await expect(client.retr(1)).rejects.toMatchObject({ kind: 'network' });
    await expect(client.dele(1)).rejects.toMatchObject({ kind: 'closed' });
    expect(server!.commands).not.toContain('QUIT');
  });

  it('dot-unstuffs message bodies', async () => {
    const client = await connectTo((c) => (c.startsWith('RETR') ? '+OK\r\nSubject: dots\r\n\r\n..leading dot\r\n...\r\n.\r\n' : standardAnswer(c)));
    expect((await client.retr(1)).toString()).toBe('Subject: dots\r\n\r\n.leading dot\r\n..\r\n');
    await client.quit();
  });

  it('refuses STARTTLS security when the server hides STLS, before sending any credentials', async () => {
    await expect(connectTo(standardAnswer, '+OK ready\r\n', 'starttls')).rejects.toMatchObject({ kind: 'unsupported', message: expect.stringMatching(/does not offer STLS/) });
    expect(server!.commands.filter((c) => /^(USER|PASS|AUTH|APOP)/.test(c))).toEqual([]);
  });

  it('refuses data injected after the server agreed to STLS', async () => {
    const script: Script = (c) => (c === 'CAPA' ? '+OK\r\nSTLS\r\nUSER\r\n.\r\n' : c === 'STLS' ? '+OK Begin TLS\r\n+OK injected\r\n' : standardAnswer(c));
    // Usually caught before the handshake; if the bytes arrive late, the handshake fails on them.
    await expect(connectTo(script, '+OK ready\r\n', 'starttls')).rejects.toMatchObject({ kind: 'tls', message: expect.stringMatching(/after agreeing to STLS|Cannot secure/) });
  });

  it('times out on a server that stops answering', async () => {
    await expect(connectTo((c) => (c.startsWith('USER') ? '' : standardAnswer(c)))).rejects.toMatchObject({ kind: 'network', message: expect.stringMatching(/did not answer/) });
  });
});
