/**
 * The offline-policy forms as plain values: a policy chosen with radio buttons and a day
 * count typed as text, the disk budget typed in megabytes, and what the saved account looks
 * like afterwards. Kept apart from React so the rules are tested in Node.
 */
import type { Account, OfflinePolicy, OfflineSettings } from '../../../src-shared/model';
import { MIN_BODY_BUDGET_BYTES } from '../../../src-shared/model';

export type PolicyChoice = 'inherit' | OfflinePolicy['kind'];

export interface PolicyFields {
  choice: PolicyChoice;
  /** The day count as typed, for 'recent'. */
  days: string;
}

const MB = 1024 * 1024;
const MAX_DAYS = 36_500;

export function fieldsOf(policy: OfflinePolicy | undefined): PolicyFields {
  if (policy === undefined) return { choice: 'inherit', days: '90' };
  return { choice: policy.kind, days: policy.kind === 'recent' ? String(policy.days) : '90' };
}

/** The policy the fields describe (undefined for "inherit"), or why they do not describe one. */
export function policyOf(fields: PolicyFields): { ok: true; policy: OfflinePolicy | undefined } | { ok: false; reason: string } {
  switch (fields.choice) {
    case 'inherit':
      return { ok: true, policy: undefined };
    case 'all':
      return { ok: true, policy: { kind: 'all' } };
    case 'headers':
      return { ok: true, policy: { kind: 'headers' } };
    case 'recent': {
      const days = Number(fields.days.trim());
      if (!/^\d+$/.test(fields.days.trim()) || days < 1 || days > MAX_DAYS) return { ok: false, reason: `Enter a whole number of days from 1 to ${MAX_DAYS}.` };
      return { ok: true, policy: { kind: 'recent', days } };
    }
  }
}

/** The disk budget typed in megabytes, in bytes, or why it cannot be one. */
export function budgetOf(text: string): { ok: true; bytes: number } | { ok: false; reason: string } {
  const trimmed = text.trim();
  const megabytes = Number(trimmed);
  const min = MIN_BODY_BUDGET_BYTES / MB;
  if (!/^\d+$/.test(trimmed) || megabytes < min || megabytes > 1024 * 1024) return { ok: false, reason: `Enter a whole number of megabytes from ${min} to ${1024 * 1024}.` };
  return { ok: true, bytes: megabytes * MB };
}

/** Bytes as the UI shows them: "312 KB", "1.4 MB", "2.0 GB". */
export function formatBytes(bytes: number): string {
  if (bytes < MB) return `${Math.round(bytes / 1024)} KB`;
  if (bytes < 1024 * MB) return `${(bytes / MB).toFixed(1)} MB`;
  return `${(bytes / (1024 * MB)).toFixed(1)} GB`;
}

/** The account with one folder's policy set, or removed (back to the default) when undefined. */
export function withFolderPolicy(account: Account, folderPath: string, policy: OfflinePolicy | undefined): Account {
  const folderPolicies = { ...account.offline?.folderPolicies };
  if (policy === undefined) delete folderPolicies[folderPath];
  else folderPolicies[folderPath] = policy;
  return { ...account, offline: { ...account.offline, folderPolicies } };
}

/** The account with its access model and offline settings replaced (an IMAP account's; others are returned as they are). */
export function withAccountSettings(account: Account, accessModel: 'disconnected' | 'online', offline: Omit<OfflineSettings, 'folderPolicies'>): Account {
  if (account.incoming.protocol !== 'imap') return account;
  return { ...account, incoming: { ...account.incoming, accessModel }, offline: { ...account.offline, ...offline } };
}
