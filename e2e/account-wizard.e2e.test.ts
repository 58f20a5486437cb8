/**
 * A new user adds an account through the setup wizard in Chromium (web host), by role and
 * label: address and password, the servers found through DNS SRV records (a loopback DNS
 * server, reached through TERN_DISCOVERY) shown with their source, the self-signed
 * certificate shown with its fingerprint and trusted, a mistyped password named and
 * corrected, then both logins checked and the account syncing its INBOX from the real Dovecot.
 */
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubmissionServer, startTestDns, type SubmissionServer } from '../src-main/engine/autoconfig/discovery-test-kit';
import { waitForText } from './harness/ui';
import { openTernInBrowser, type TernInBrowser } from './harness/tern-in-browser';
import type { DnsServer } from './servers/dns-server';
import { startDovecot, type DovecotServer } from './servers/dovecot';
import { freePort } from './servers/free-port';

const TIMEOUT = 120_000;
const address = 'alice@wizard.test';
let dovecot: DovecotServer;
let dns: DnsServer;
let smtp: SubmissionServer;
let tern: TernInBrowser;
let page: Page;
let fingerprint: string;

beforeAll(async () => {
  [dovecot, dns] = await Promise.all([startDovecot({ users: [{ name: address, password: 'secret-alice' }] }), startTestDns()]);
  await dovecot.seed(address, 'INBOX', [{ from: 'Bob <bob@example.org>', to: address, subject: 'Welcome aboard', body: 'Hello Alice' }]);
  // The submission server presents Dovecot's certificate, so one decision trusts both.
  const certPath = join(dovecot.dir, 'tls', 'cert.pem');
  fingerprint = new X509Certificate(await readFile(certPath)).fingerprint256;
  smtp = await startSubmissionServer({ certPath, keyPath: join(dovecot.dir, 'tls', 'key.pem'), pem: dovecot.caCertPem, fingerprint }, new Map([[address, 'secret-alice']]));
  dns.zone.set('_imaps._tcp.wizard.test', { srv: [{ priority: 0, weight: 0, port: dovecot.ports.imaps, target: 'localhost' }] });
  dns.zone.set('_submission._tcp.wizard.test', { srv: [{ priority: 0, weight: 0, port: smtp.port, target: 'localhost' }] });
  // No autoconfig server exists: its names go to a closed loopback port and are refused at once.
  const closedPort = await freePort();
  process.env.TERN_DISCOVERY = JSON.stringify({
    dnsServers: [`127.0.0.1:${dns.port}`],
    hosts: { 'autoconfig.wizard.test': '127.0.0.1', 'wizard.test': '127.0.0.1', 'ispdb.wizard.test': '127.0.0.1' },
    httpsPort: closedPort,
    ispdbBase: 'https://ispdb.wizard.test/v1.1/',
    timeLimitMs: 20_000,
    requestTimeoutMs: 4_000,
  });
  tern = await openTernInBrowser();
  page = tern.page;
}, TIMEOUT);

afterAll(async () => {
  delete process.env.TERN_DISCOVERY;
  await tern?.close();
  await smtp?.close();
  await dns?.close();
  await dovecot?.dispose();
});

describe('the account setup wizard', () => {
  it('adds an account from an address and a password, showing sources and the certificate to trust', async () => {
    await page.getByRole('button', { name: 'Add account' }).click();
    const wizard = page.getByRole('dialog', { name: 'Set up an account' });
    await wizard.getByLabel('Your name').fill('Alice');
    await wizard.getByLabel('Email address').fill(address);
    // A mistyped password first: nothing is sent until the servers are confirmed.
    await wizard.getByLabel('Password').fill('mistyped');
    await wizard.screenshot({ path: 'test-results/account-wizard-address.png' });
    await wizard.getByRole('button', { name: 'Find my servers' }).click();

    await expect.poll(() => wizard.getByLabel('Incoming server', { exact: true }).inputValue(), { timeout: 30_000 }).toBe('localhost');
    expect(await wizard.getByLabel('Incoming port').inputValue()).toBe(String(dovecot.ports.imaps));
    expect(await wizard.getByLabel('Outgoing port').inputValue()).toBe(String(smtp.port));
    expect(await wizard.getByLabel('Outgoing user name').inputValue()).toBe(address);
    await waitForText(wizard.getByRole('group', { name: /Incoming server/ }), /Found by: DNS SRV _imaps\._tcp\.wizard\.test/);
    await waitForText(wizard.getByRole('group', { name: /Outgoing server/ }), /Found by: DNS SRV _submission\._tcp\.wizard\.test/);
    await page.screenshot({ path: 'test-results/account-wizard-servers.png' });

    await wizard.getByRole('button', { name: 'Check and save' }).click();
    const incomingCheck = wizard.getByRole('region', { name: 'Incoming server check' });
    await waitForText(incomingCheck.getByRole('alert'), /Certificate not trusted/, 30_000);
    await waitForText(incomingCheck.getByRole('definition').nth(3), new RegExp(fingerprint));
    expect(smtp.logins).toEqual([]);
    await wizard.screenshot({ path: 'test-results/account-wizard-certificate.png' });

    await incomingCheck.getByRole('button', { name: 'Trust this certificate (incoming server)' }).click();
    // Trusted now, so the logins are tried: the wrong password is named, for both servers.
    await waitForText(incomingCheck.getByRole('alert'), /Wrong user name or password/, 30_000);
    await waitForText(wizard.getByRole('region', { name: 'Outgoing server check' }).getByRole('alert'), /Wrong user name or password/);
    expect(smtp.logins).toEqual([]);

    await wizard.getByLabel('Password', { exact: true }).fill('secret-alice');
    await wizard.getByRole('button', { name: 'Check and save' }).click();
    await expect.poll(() => wizard.count(), { timeout: 30_000 }).toBe(0);
    expect(smtp.logins).toEqual([address]);
    const folders = page.getByRole('navigation', { name: 'Folders' });
    await expect.poll(() => folders.getByRole('treeitem', { name: 'Inbox, 1 unread' }).count(), { timeout: 30_000 }).toBe(1);
    await waitForText(page.getByRole('status', { name: 'Alice status' }), /Online/);
  });
});
