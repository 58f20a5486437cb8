/**
 * Which message bodies an IMAP account keeps in the cache, and within how many bytes: the
 * defaults, and a folder's effective policy. Pure, so the engine (which downloads) and the
 * UI (which shows and edits the choice) read the same rules.
 */
import type { Account, Folder, OfflinePolicy, SpecialUse } from './model';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Bodies of the last 90 days: enough to read and answer recent mail offline, without mirroring years. */
export const DEFAULT_OFFLINE_POLICY: OfflinePolicy = { kind: 'recent', days: 90 };

/** The disconnected model's default disk budget for bodies and attachments. */
export const DEFAULT_BUDGET_BYTES = 2 * 1024 ** 3;
/** The online model keeps only the bodies opened lately, in a much smaller cache. */
export const DEFAULT_ONLINE_CACHE_BYTES = 256 * 1024 ** 2;

/**
 * Special folders whose default differs from the account's: Trash and Junk are rarely read
 * again, so only their headers are kept; Drafts are small and edited offline, so all of theirs.
 */
const SPECIAL_DEFAULTS: Partial<Record<SpecialUse, OfflinePolicy>> = {
  trash: { kind: 'headers' },
  junk: { kind: 'headers' },
  drafts: { kind: 'all' },
};

export interface EffectiveOfflineSettings {
  accessModel: 'disconnected' | 'online';
  defaultPolicy: OfflinePolicy;
  folderPolicies: Record<string, OfflinePolicy>;
  budgetBytes: number;
}

/** The account's offline settings with every default filled in. */
export function offlineSettings(account: Account): EffectiveOfflineSettings {
  const accessModel = account.incoming.protocol === 'imap' ? account.incoming.accessModel : 'disconnected';
  const stored = account.offline ?? {};
  return {
    accessModel,
    defaultPolicy: stored.defaultPolicy ?? DEFAULT_OFFLINE_POLICY,
    folderPolicies: stored.folderPolicies ?? {},
    budgetBytes: stored.budgetBytes ?? (accessModel === 'online' ? DEFAULT_ONLINE_CACHE_BYTES : DEFAULT_BUDGET_BYTES),
  };
}

/** Where a folder's policy comes from, for the UI to say so. */
export type PolicySource = 'folder' | 'special' | 'account';

/** The folder's own policy, else its special-use default, else the account's. */
export function folderPolicy(settings: EffectiveOfflineSettings, folder: Pick<Folder, 'path' | 'specialUse'>): { policy: OfflinePolicy; source: PolicySource } {
  const own = settings.folderPolicies[folder.path];
  if (own) return { policy: own, source: 'folder' };
  const special = folder.specialUse === null ? undefined : SPECIAL_DEFAULTS[folder.specialUse];
  if (special) return { policy: special, source: 'special' };
  return { policy: settings.defaultPolicy, source: 'account' };
}

/**
 * The oldest message date (ms) whose body the policy keeps at `now`: 0 for all, null for
 * headers only. The online model keeps no bodies ahead of being opened.
 */
export function bodiesSince(settings: EffectiveOfflineSettings, policy: OfflinePolicy, now: number): number | null {
  if (settings.accessModel === 'online') return null;
  switch (policy.kind) {
    case 'all':
      return 0;
    case 'recent':
      return now - policy.days * DAY_MS;
    case 'headers':
      return null;
  }
}

/** How the user reads a policy: "All messages", "Last 90 days", "Headers only". */
export function describePolicy(policy: OfflinePolicy): string {
  switch (policy.kind) {
    case 'all':
      return 'All messages';
    case 'recent':
      return policy.days === 1 ? 'Last day' : `Last ${policy.days} days`;
    case 'headers':
      return 'Headers only';
  }
}
