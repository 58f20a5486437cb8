import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Relay } from './relay';
import { RawSmtp, message, startReceivingRelay, submit, withTempDir } from './test-kit';

// Hostile or odd submissions get a clear reply and leave the rest of the queue alone.
// Nothing is delivered here: the smarthost port has no listener and retries are far off.
describe('relay with hostile input', () => {
  let relay: Relay;
  let temp: Awaited<ReturnType<typeof withTempDir>>;

  beforeAll(async () => {
    temp = await withTempDir();
    relay = await startReceivingRelay(temp.dir, { clientTimeout: 1_000, maxRecipients: 1000 });
  });
  afterAll(async () => {
    await relay.stop();
    await temp.remove();
  });

  const queued = async () => (await readdir(join(temp.dir, 'queue'))).filter((n) => n.endsWith('.json')).length;

  it('takes 1000 recipients and refuses the 1001st', async () => {
    const { client } = await RawSmtp.open(relay.port);
    await client.command('EHLO client.test');
    await client.command('MAIL FROM:<a@sender.test>');
    // Pipelined (RFC 2920): all RCPTs at once, then the replies.
    client.write(Array.from({ length: 1001 }, (_, i) => `RCPT TO:<r${i}@example.test>\r\n`).join(''));
    const replies: string[] = [];
    for (let i = 0; i < 1001; i++) replies.push(await client.reply());
    expect(replies.slice(0, 1000).every((r) => r.startsWith('250 '))).toBe(true);
    expect(replies[1000]).toMatch(/^452 /);
    expect(await client.command('DATA')).toMatch(/^354 /);
    expect(await client.command(`${message('many')}.`)).toMatch(/^250 /);
    client.close();
    const envelope = relay.queue.list().find((e) => e.recipients.length === 1000);
    expect(envelope).toBeDefined();
  });

  it('queues binary junk in CRLF lines and a header-only message', async () => {
    const before = await queued();
    const junk = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 37) % 256).filter((b) => b !== 0x0a && b !== 0x0d));
    const body = `Subject: junk\r\n\r\n${junk.toString('latin1').replace(/(.{200})/g, '$1\r\n')}\r\n`;
    expect(await submit(relay.port, 'a@sender.test', ['b@example.test'], body)).toMatch(/^250 /);
    expect(await submit(relay.port, 'a@sender.test', ['b@example.test'], 'Subject: only headers\r\n')).toMatch(/^250 /);
    expect(await queued()).toBe(before + 2);
  });

  it('drops a client that goes silent, and keeps serving others', async () => {
    const { client } = await RawSmtp.open(relay.port);
    await client.command('EHLO slow.test');
    // Say nothing: the idle timeout closes the session with a 421.
    expect(await client.reply()).toMatch(/^421 /);
    expect(await submit(relay.port, 'a@sender.test', ['b@example.test'], message('after-slow'))).toMatch(/^250 /);
  });
});
