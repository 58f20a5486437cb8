/**
 * A draft started on one machine and finished on another (issue #4), in Chromium through
 * two web hosts with their own profiles against one Dovecot: A writes and closes the draft,
 * which goes to the server's Drafts folder; B finds it there, continues it and sends it.
 * Exactly one message leaves, and no draft is left on the server. A draft left open is
 * saved to the server meanwhile, and discarding it removes it there.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../src-main/engine/smtp/smtp-sink';
import { openMachine, type Machine } from './harness/machine';
import { addImapAccount, waitForText, type ImapAccountInput } from './harness/ui';
import { startDovecot, type DovecotServer } from './servers/dovecot';

const TIMEOUT = 120_000;
let dovecot: DovecotServer;
let sink: SmtpSink;
let a: Machine;
let b: Machine;

beforeAll(async () => {
  [dovecot, sink] = await Promise.all([startDovecot(), startSmtpSink()]);
  await dovecot.createFolder('alice', 'Drafts', { subscribe: true });
  [a, b] = await Promise.all([openMachine(), openMachine()]);
}, TIMEOUT);

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await sink?.stop();
  await dovecot?.dispose();
});

async function draftsOnServer(): Promise<string[]> {
  const names: string[] = [];
  for (const sub of ['cur', 'new']) names.push(...(await readdir(join(dovecot.maildirPath('alice', 'Drafts'), sub)).catch(() => [] as string[])));
  // Dovecot expunges by unlinking; a message only marked \\Deleted (no UIDPLUS) still counts here.
  return names;
}

describe('a draft across machines', () => {
  it('is written on A and saved in the server’s Drafts folder when closed', async () => {
    const account: ImapAccountInput = {
      name: 'Alice', email: 'alice@example.org', host: '127.0.0.1', port: dovecot.ports.imap, security: 'None (plaintext)', user: 'alice', password: 'secret-alice',
      smtp: { host: '127.0.0.1', port: sink.port, security: 'None (plaintext)' },
    };
    await addImapAccount(a.page, account);
    await addImapAccount(b.page, account);
    await a.page.getByRole('button', { name: 'New message' }).click();
    const composer = a.page.getByRole('dialog', { name: 'New message' });
    await composer.getByLabel('To', { exact: true }).fill('bob@example.org');
    await composer.getByLabel('Subject').fill('Plans, continued');
    await composer.getByRole('textbox', { name: 'Message body' }).click();
    await a.page.keyboard.type('Started on the train.');
    await a.page.keyboard.press('Escape');
    await expect.poll(() => composer.count()).toBe(0);
    await expect.poll(draftsOnServer, { timeout: 30_000 }).toHaveLength(1);
  }, TIMEOUT);

  it('is continued and sent on B: one message leaves, and no draft is left on the server', async () => {
    const page = b.page;
    await page.getByRole('treeitem', { name: /^Drafts/ }).click();
    const draft = page.getByRole('listbox', { name: 'Messages' }).getByRole('option', { name: /Plans, continued/ });
    await expect.poll(() => draft.count(), { timeout: 30_000 }).toBe(1);
    await draft.click();
    await page.getByRole('button', { name: 'Continue draft' }).click();
    const composer = page.getByRole('dialog', { name: 'New message' });
    expect(await composer.getByLabel('Subject').inputValue()).toBe('Plans, continued');
    expect(await composer.getByLabel('To', { exact: true }).inputValue()).toBe('bob@example.org');
    const body = composer.getByRole('textbox', { name: 'Message body' });
    await waitForText(body, /Started on the train\./);
    await body.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Finished at home.');
    await page.screenshot({ path: 'test-results/draft-continued.png' });
    await composer.getByRole('button', { name: 'Send', exact: true }).click();

    await expect.poll(() => sink.received.length, { timeout: 30_000 }).toBe(1);
    expect(sink.received[0]!.data.toString()).toMatch(/Started on the train\.\s*Finished at home\./);
    await expect.poll(draftsOnServer, { timeout: 30_000 }).toHaveLength(0);
    // Nothing more leaves later (no second send of the same draft).
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(sink.received).toHaveLength(1);
  }, TIMEOUT);

  it('reaches the server within a minute while still open on A, and goes when discarded', async () => {
    await a.page.getByRole('button', { name: 'New message' }).click();
    const composer = a.page.getByRole('dialog', { name: 'New message' });
    await composer.getByLabel('Subject').fill('Still writing');
    await composer.getByRole('textbox', { name: 'Message body' }).click();
    await a.page.keyboard.type('Half a thought.');
    const typed = Date.now();
    // The composer saves a changed draft to the server every 60 s while it is open.
    await expect.poll(draftsOnServer, { timeout: 75_000, interval: 1_000 }).toHaveLength(1);
    expect(Date.now() - typed).toBeLessThan(75_000);
    expect(await composer.count()).toBe(1);
    await composer.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(draftsOnServer, { timeout: 30_000 }).toHaveLength(0);
  }, TIMEOUT);
});
