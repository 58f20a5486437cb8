/**
 * Saves a changed account as every account change is saved: the engine first (it validates
 * and restarts the account's supervisor with the new settings), then the cache's strict
 * handle, so the stored account never says what the engine refused.
 */
import type { Account } from '../../../src-shared/model';
import { tern } from '../../bridge/tern';
import type { Cache } from '../../cache/db';

export async function saveAccount(cache: Cache, account: Account): Promise<void> {
  await tern.invoke('account.save', { account });
  await cache.durable.accounts.put(account);
}
