import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../e2e/servers/free-port';
import { startRelay, type Relay } from './relay';
import { RawSmtp, message, startReceivingRelay, withTempDir } from './test-kit';
import { parseEnvelope } from './envelope';

// Receiving only: the relay points at a DNS server that does not exist and retries are far
// off, so nothing leaves the queue while these tests read it.
describe('relay receiving side', () => {
  let relay: Relay;
  let temp: Awaited<ReturnType<typeof withTempDir>>;

  beforeAll(async () => {
    temp = await withTempDir();
    relay = await startReceivingRelay(temp.dir, { hostname: 'relay.test', dnsServers: [`127.0.0.1:${await freePort()}`], maxMessageSize: 64 * 1024 });
  });
  afterAll(async () => {
    await relay.stop();
    await temp.remove();
  });

  async function session(): Promise<RawSmtp> {
    const { client, greeting } = await RawSmtp.open(relay.port);
    expect(greeting).toMatch(/^220 /);
    expect(await client.command('EHLO client.test')).toMatch(/^250 /m);
    return client;
  }

  async function queuedFiles(): Promise<string[]> {
    return (await readdir(join(temp.dir, 'queue'))).filter((n) => n.endsWith('.json'));
  }

  it('advertises the extensions the issue requires and answers VRFY, EXPN and HELP', async () => {
    const { client } = await RawSmtp.open(relay.port);
    const ehlo = await client.command('EHLO client.test');
    for (const ext of ['PIPELINING', '8BITMIME', 'SMTPUTF8', 'SIZE 65536', 'ENHANCEDSTATUSCODES', 'DSN']) expect(ehlo).toContain(ext);
    expect(ehlo).not.toContain('STARTTLS');
    expect(ehlo).not.toContain('AUTH');
    expect(await client.command('VRFY postmaster')).toMatch(/^252 /);
    expect(await client.command('EXPN staff')).toMatch(/^252 /);
    expect(await client.command('HELP')).toMatch(/^214 /);
    client.close();
  });

  it('queues a message durably with an envelope file and a Received header before 250', async () => {
    const client = await session();
    expect(await client.command('MAIL FROM:<a@sender.test>')).toMatch(/^250 /);
    expect(await client.command('RCPT TO:<b@example.test> NOTIFY=FAILURE,DELAY')).toMatch(/^250 /);
    expect(await client.command('RCPT TO:<c@other.test>')).toMatch(/^250 /);
    expect(await client.command('DATA')).toMatch(/^354 /);
    const reply = await client.command(`${message('durable')}.`);
    expect(reply).toMatch(/^250 .*Queued as (\S+)/);
    const id = /Queued as (\S+)/.exec(reply)?.[1] ?? '';
    // The 250 came after the rename, so both files exist now.
    const envelope = parseEnvelope(await readFile(join(temp.dir, 'queue', `${id}.json`), 'utf8'));
    expect(envelope.from).toBe('a@sender.test');
    expect(envelope.recipients.map((r) => [r.address, r.state])).toEqual([['b@example.test', 'pending'], ['c@other.test', 'pending']]);
    expect(envelope.recipients[0]?.notify).toEqual(['FAILURE', 'DELAY']);
    const stored = await readFile(join(temp.dir, 'queue', `${id}.eml`), 'latin1');
    expect(stored).toMatch(/^Received: from client\.test \(\[127\.0\.0\.1\]\)\r\n\tby relay\.test \(Tern relay\) with ESMTP id /);
    expect(stored).toContain('Subject: durable');
    client.close();
  });

  it('rejects bare LF and bare CR in DATA and does not end data at <LF>.<CR><LF>', async () => {
    const before = (await queuedFiles()).length;
    const client = await session();
    await client.command('MAIL FROM:<a@sender.test>');
    await client.command('RCPT TO:<b@example.test>');
    await client.command('DATA');
    // The smuggling attempt: a bare-LF "end of data" followed by a second transaction.
    client.write('Subject: smuggle\r\n\r\nhello\n.\r\nMAIL FROM:<evil@x.test>\r\nRCPT TO:<victim@example.test>\r\nDATA\r\nsmuggled\r\n.\r\n');
    const reply = await client.reply();
    expect(reply).toMatch(/^550 .*bare LF/);
    expect(await client.command('NOOP')).toMatch(/^250 /);
    await client.command('MAIL FROM:<a@sender.test>');
    await client.command('RCPT TO:<b@example.test>');
    await client.command('DATA');
    expect(await client.command('Subject: cr\r\n\r\nbare\rcr\r\n.')).toMatch(/^550 .*bare CR/);
    client.close();
    expect((await queuedFiles()).length).toBe(before);
  });

  it('refuses malformed addresses, huge lines and oversize messages with clear errors', async () => {
    const client = await session();
    expect(await client.command('MAIL FROM:<a@sender.test>')).toMatch(/^250 /);
    expect(await client.command('RCPT TO:<no-domain>')).toMatch(/^5\d\d /);
    expect(await client.command('RCPT TO:<x@[127.0.0.1]>')).toMatch(/^553 /);
    expect(await client.command('RCPT TO:<x@-bad-.test>')).toMatch(/^5\d\d /);
    expect(await client.command('RCPT TO:<x@localhost>')).toMatch(/^553 .*not a valid host name/);
    expect(await client.command('RCPT TO:<b@example.test>')).toMatch(/^250 /);
    expect(await client.command('DATA')).toMatch(/^354 /);
    client.write(`Subject: big\r\n\r\n${`${'x'.repeat(998)}\r\n`.repeat(80)}.\r\n`);
    expect(await client.reply()).toMatch(/^552 /);
    expect(await client.command('QUIT')).toMatch(/^221 /);
    client.close();
    // A line over the command limit ends the session with a clear reply, and nothing else.
    const long = await session();
    expect(await long.command(`RCPT TO:<${'a'.repeat(5000)}@example.test>`)).toMatch(/^421 .*too long/);
    long.close();
  });

  it('answers garbage commands with 500 and keeps the session usable', async () => {
    const client = await session();
    expect(await client.command('\u0001\u00ff JUNK')).toMatch(/^5\d\d /);
    expect(await client.command('RCPT TO:<b@example.test>')).toMatch(/^503 /);
    expect(await client.command('NOOP')).toMatch(/^250 /);
    client.close();
  });
});

describe('relay listening beyond loopback', () => {
  it('is not an open relay: unauthenticated mail to a foreign domain gets 5xx', async () => {
    const temp = await withTempDir();
    const relay = await startRelay({
      spool: temp.dir,
      // 0.0.0.0 is "not loopback" for the policy; the test still connects over 127.0.0.1.
      listenHost: '0.0.0.0',
      listenPort: await freePort(),
      localDomains: ['local.test'],
      users: new Map([['user', 'secret']]),
      dnsServers: [`127.0.0.1:${await freePort()}`],
    });
    try {
      const { client } = await RawSmtp.open(relay.port);
      expect(await client.command('EHLO client.test')).toContain('AUTH');
      expect(await client.command('MAIL FROM:<a@sender.test>')).toMatch(/^250 /);
      expect(await client.command('RCPT TO:<victim@elsewhere.test>')).toMatch(/^554 .*Relay access denied/);
      expect(await client.command('RCPT TO:<someone@local.test>')).toMatch(/^250 /);
      client.close();
    } finally {
      await relay.stop();
      await temp.remove();
    }
  });
});
