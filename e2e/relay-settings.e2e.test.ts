/**
 * The embedded relay from the Settings view, in Chromium through the web host, by role and
 * label: turned on (smarthost mode, the destination a real SMTP server on loopback), it takes
 * a message from swaks, shows it deferred with the reason while the destination is down,
 * and delivers it when the destination is up and the user presses "Flush queue"; a message
 * deleted from the queue view is never delivered. An account
 * switched to "send through the relay" then sends a composed message that reaches the same
 * destination through the relay.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSink, type Sink } from '../src-main/relay/test-kit';
import { addImapAccount, waitForText } from './harness/ui';
import { openTernInBrowser, type TernInBrowser } from './harness/tern-in-browser';
import { startDovecot, type DovecotServer } from './servers/dovecot';
import { freePort } from './servers/free-port';

const TIMEOUT = 120_000;
let tern: TernInBrowser;
let page: Page;
let dovecot: DovecotServer | undefined;
let destination: Sink | undefined;
let relayPort: number;
let destinationPort: number;

beforeAll(async () => {
  [relayPort, destinationPort] = await Promise.all([freePort(), freePort()]);
  tern = await openTernInBrowser();
  page = tern.page;
}, TIMEOUT);

afterAll(async () => {
  await tern?.close();
  await destination?.close();
  await dovecot?.dispose();
});

async function openSettings(): Promise<Locator> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings', exact: true });
  await waitForText(dialog.getByRole('status', { name: 'Relay state' }), /The relay is (off|running)/);
  return dialog;
}

describe('the embedded relay in Settings', () => {
  it('is off until turned on, shows a deferred message with its reason, and delivers it on flush', async () => {
    const settings = await openSettings();
    await waitForText(settings.getByRole('status', { name: 'Relay state' }), /^The relay is off\.$/);
    await settings.getByRole('checkbox', { name: 'Run the embedded relay' }).check();
    await settings.getByLabel('Port', { exact: true }).fill(String(relayPort));
    await settings.getByRole('radio', { name: 'Through a smarthost' }).check();
    await settings.getByLabel('Smarthost URL').fill(`smtp://127.0.0.1:${destinationPort}`);
    await settings.getByRole('button', { name: 'Save relay settings' }).click();
    await waitForText(settings.getByRole('status', { name: 'Relay state' }), new RegExp(`running and takes mail on 127\\.0\\.0\\.1:${relayPort}`));

    // A local program submits with swaks while the destination is down.
    const { stdout } = await promisify(execFile)('swaks', ['--server', '127.0.0.1', '--port', String(relayPort), '--from', 'alice@example.org', '--to', 'bob@example.net', '--header', 'Subject: via swaks', '--body', 'Hello through the relay']);
    expect(stdout).toMatch(/ -> \.\n<- {2}250 /);
    const queued = settings.getByRole('list', { name: 'Queued messages' });
    await waitForText(queued, /bob@example\.net: deferred after 1 attempt, next try in \d+ min \(.*ECONNREFUSED.*\)/);
    await waitForText(settings.getByRole('status', { name: 'Queue summary' }), /^1 message queued, 1 deferred$/);
    await settings.getByRole('listitem', { name: /^Message \S+ from alice@example\.org$/ }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/relay-settings-deferred.png' });

    // A second one is deleted from the queue: it never reaches the destination.
    await promisify(execFile)('swaks', ['--server', '127.0.0.1', '--port', String(relayPort), '--from', 'mallory@example.org', '--to', 'bob@example.net', '--header', 'Subject: unwanted']);
    const unwanted = settings.getByRole('listitem', { name: /^Message \S+ from mallory@example\.org$/ });
    await waitForText(unwanted, /deferred after 1 attempt/);
    await unwanted.getByRole('button', { name: /^Delete message / }).click();
    await waitForText(settings.getByRole('status', { name: 'Queue summary' }), /^1 message queued, 1 deferred$/);
    expect(await unwanted.count()).toBe(0);

    destination = await startSink('127.0.0.1', destinationPort);
    await settings.getByRole('button', { name: 'Flush queue' }).click();
    await waitForText(settings.getByRole('status', { name: 'Queue summary' }), /^The queue is empty\.$/);
    expect(destination.transactions).toHaveLength(1);
    expect(destination.transactions[0]!.data).not.toContain('Subject: unwanted');
    expect(destination.transactions[0]!.to).toEqual(['bob@example.net']);
    expect(destination.transactions[0]!.data).toMatch(/^Received: from .*\r\n[\s\S]*Subject: via swaks/);
    await settings.getByRole('button', { name: 'Close' }).click();
  }, TIMEOUT);

  it('sends a composed message through the relay once the account is switched to it', async () => {
    dovecot = await startDovecot();
    await addImapAccount(page, { name: 'Alice', email: 'alice@example.org', host: '127.0.0.1', port: dovecot.ports.imap, security: 'None (plaintext)', user: 'alice', password: 'secret-alice' });
    const settings = await openSettings();
    const toggle = settings.getByRole('checkbox', { name: 'Alice (alice@example.org)' });
    await toggle.check();
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await settings.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'New message' }).click();
    const composer = page.getByRole('dialog', { name: 'New message' });
    await composer.getByLabel('To', { exact: true }).fill('carol@example.net');
    await composer.getByLabel('Subject').fill('Composed, relayed');
    await composer.getByRole('textbox', { name: 'Message body' }).click();
    await page.keyboard.type('Through the embedded relay.');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => destination!.transactions.length, { timeout: 60_000 }).toBe(2);
    const relayed = destination!.transactions[1]!;
    expect(relayed.to).toEqual(['carol@example.net']);
    expect(relayed.from).toBe('alice@example.org');
    expect(relayed.data).toContain('Subject: Composed, relayed');
    // It went through the relay, which stamps its Received header on top.
    expect(relayed.data).toMatch(/^Received: from /);
  }, TIMEOUT);
});
