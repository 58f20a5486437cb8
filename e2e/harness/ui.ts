/**
 * Steps a person takes in Tern's UI, by role and label, shared by the e2e specs (web host
 * and Electron).
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export interface ImapAccountInput {
  name: string;
  email: string;
  host: string;
  port: number;
  security: 'TLS' | 'STARTTLS' | 'None (plaintext)';
  user: string;
  password: string;
  trustedCertificate?: string;
  /** The submission server; its user and password are the incoming ones. */
  smtp?: { host: string; port: number; security: 'TLS' | 'STARTTLS' | 'None (plaintext)' };
}

export async function addImapAccount(page: Page, input: ImapAccountInput): Promise<void> {
  await page.getByRole('button', { name: 'Add account' }).click();
  // "Add account" opens the setup wizard; these steps type every setting by hand.
  await page.getByRole('dialog', { name: 'Set up an account' }).getByRole('button', { name: 'Set up manually' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  await dialog.getByLabel('Account name').fill(input.name);
  await dialog.getByLabel('Email address').fill(input.email);
  await dialog.getByLabel('IMAP server').fill(input.host);
  await fillServer(dialog, input);
}

export interface Pop3AccountInput extends ImapAccountInput {
  /** The option's label, e.g. 'Delete it once downloaded'; the form's default leaves mail on the server. */
  retention?: string;
}

/** Adds a POP3 account through "Set up manually", choosing the protocol by its label. */
export async function addPop3Account(page: Page, input: Pop3AccountInput): Promise<void> {
  await page.getByRole('button', { name: 'Add account' }).click();
  await page.getByRole('dialog', { name: 'Set up an account' }).getByRole('button', { name: 'Set up manually' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  await dialog.getByLabel('Account name').fill(input.name);
  await dialog.getByLabel('Email address').fill(input.email);
  await dialog.getByLabel('Incoming protocol').selectOption({ label: 'POP3' });
  await dialog.getByLabel('POP3 server').fill(input.host);
  if (input.retention) await dialog.getByLabel('After downloading a message').selectOption({ label: input.retention });
  await fillServer(dialog, input);
}

/** The fields both protocols share, then save. Exact labels: the SMTP section has "SMTP port" and the like. */
async function fillServer(dialog: Locator, input: ImapAccountInput): Promise<void> {
  await dialog.getByLabel('Security', { exact: true }).selectOption({ label: input.security });
  await dialog.getByLabel('Port', { exact: true }).fill(String(input.port));
  await dialog.getByLabel('User name', { exact: true }).fill(input.user);
  await dialog.getByLabel('Password', { exact: true }).fill(input.password);
  if (input.trustedCertificate) await dialog.getByLabel('Trusted certificate (PEM)').fill(input.trustedCertificate);
  if (input.smtp) {
    await dialog.getByLabel('SMTP server').fill(input.smtp.host);
    await dialog.getByLabel('SMTP security').selectOption({ label: input.smtp.security });
    await dialog.getByLabel('SMTP port').fill(String(input.smtp.port));
  }
  await dialog.getByRole('button', { name: 'Save account' }).click();
  await expect.poll(() => dialog.count(), { timeout: 15_000 }).toBe(0);
}

/** Waits until the element's text matches, and says what it saw when it does not. */
export async function waitForText(locator: Locator, pattern: RegExp, timeout = 20_000): Promise<void> {
  await expect
    .poll(async () => ((await locator.count()) > 0 ? ((await locator.first().textContent()) ?? '') : '<absent>'), { timeout })
    .toMatch(pattern);
}

/** Chooses, in Settings, when an opened message becomes read (the option's label as shown). */
export async function chooseMarkRead(page: Page, label: string, screenshot?: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Mark a message as read').selectOption({ label });
  if (screenshot) await page.screenshot({ path: screenshot });
  await settings.getByRole('button', { name: 'Close' }).click();
}
