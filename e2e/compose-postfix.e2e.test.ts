/**
 * The round trip of issue #4 on the realistic stack: composed in Chromium (web host),
 * submitted with AUTH to a private Postfix that checks the login with Dovecot's SASL and
 * delivers over LMTP into Dovecot; then fetched back over IMAP from each recipient's INBOX
 * and parsed with mailparser: every part byte-identical, the Bcc recipient served with no
 * Bcc in any header, and a wrong password refused by Postfix.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeAndSendRoundTrip, expectRoundTripMessage, RECIPIENTS } from './harness/round-trip-message';
import { openTernInBrowser, type TernInBrowser } from './harness/tern-in-browser';
import { addImapAccount, waitForText } from './harness/ui';
import { startDovecot, type DovecotServer } from './servers/dovecot';
import { startPostfix, type PrivatePostfix } from './servers/postfix';

const TIMEOUT = 120_000;
const run = promisify(execFile);
let dovecot: DovecotServer;
let postfix: PrivatePostfix;
let tern: TernInBrowser;
let page: Page;
const users = ['alice', ...RECIPIENTS.map((address) => address.split('@')[0]!)];

beforeAll(async () => {
  dovecot = await startDovecot({ users: users.map((name) => ({ name, password: `secret-${name}` })), mtaSockets: true });
  postfix = await startPostfix(
    [
      'smtpd_sasl_type = dovecot',
      `smtpd_sasl_path = ${dovecot.sockets.auth}`,
      'smtpd_sasl_auth_enable = yes',
      // Submission: only an authenticated client may send (RFC 6409 §4.3).
      'smtpd_relay_restrictions = permit_sasl_authenticated, reject',
      'smtpd_recipient_restrictions = permit_sasl_authenticated, reject',
      'virtual_mailbox_domains = example.org',
      `virtual_transport = lmtp:unix:${dovecot.sockets.lmtp}`,
    ].join('\n'),
  );
  tern = await openTernInBrowser();
  page = tern.page;
}, TIMEOUT);

afterAll(async () => {
  await tern?.close();
  await postfix?.stop();
  await dovecot?.dispose();
});

/** The message without the trace fields Postfix and Dovecot add on delivery (RFC 5321 §4.4). */
function withoutTrace(raw: Buffer): Buffer {
  const text = raw.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  const fields = text.slice(0, end).split(/\r\n(?![ \t])/);
  const kept = fields.filter((field) => !/^(Return-Path|Delivered-To|Received):/i.test(field));
  return Buffer.from(kept.join('\r\n') + text.slice(end), 'latin1');
}

async function messagesIn(user: string, folder = 'INBOX'): Promise<Buffer[]> {
  const imap = new ImapFlow({ host: '127.0.0.1', port: dovecot.ports.imap, secure: false, doSTARTTLS: false, auth: { user, pass: `secret-${user}` }, logger: false });
  await imap.connect();
  try {
    const lock = await imap.getMailboxLock(folder);
    try {
      const found: Buffer[] = [];
      for await (const message of imap.fetch('1:*', { source: true })) if (message.source) found.push(message.source);
      return found;
    } catch {
      return [];
    } finally {
      lock.release();
    }
  } finally {
    await imap.logout();
  }
}

describe('compose and send through Postfix into Dovecot', () => {
  it('delivers the message to every recipient over LMTP, each copy intact and without Bcc', async () => {
    await addImapAccount(page, {
      name: 'Alice', email: 'alice@example.org', host: '127.0.0.1', port: dovecot.ports.imap, security: 'None (plaintext)', user: 'alice', password: 'secret-alice',
      smtp: { host: '127.0.0.1', port: postfix.port, security: 'None (plaintext)' },
    });
    await waitForText(page.getByRole('status', { name: 'Alice status' }), /Online/);
    await composeAndSendRoundTrip(page);
    for (const address of RECIPIENTS) {
      const user = address.split('@')[0]!;
      await expect.poll(async () => (await messagesIn(user)).length, { timeout: 60_000 }).toBe(1);
      const [delivered] = await messagesIn(user);
      // Postfix and Dovecot add their trace fields on top (the Bcc recipient's name among
      // them, in its own copy only); the message under them is Tern's.
      await expectRoundTripMessage(withoutTrace(delivered!));
    }
    await expect.poll(async () => (await messagesIn('alice', 'Sent')).length, { timeout: 30_000 }).toBe(1);
  }, TIMEOUT);

  it('is a server that checks the login: a wrong password and no login are both refused', async () => {
    const swaks = (...extra: string[]) =>
      run('swaks', ['--server', `127.0.0.1:${postfix.port}`, '--from', 'alice@example.org', '--to', 'bob@example.org', '--silent', '2', ...extra]).then(
        () => 'accepted',
        (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
      );
    expect(await swaks('--auth', 'PLAIN', '--auth-user', 'alice', '--auth-password', 'wrong')).toMatch(/535/);
    expect(await swaks()).toMatch(/554/);
    expect(await messagesIn('bob')).toHaveLength(1);
  }, TIMEOUT);
});
