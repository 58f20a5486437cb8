/**
 * One switch per account: send its mail through the embedded relay instead of the account's
 * own SMTP server. Saved like any account change (`account.save`, then the cache's strict
 * handle) so the outbox picks it up at its next submission.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Account } from '../../../src-shared/model';
import { tern } from '../../bridge/tern';
import { listAccounts } from '../../cache/queries';
import { useCache } from '../app/cache-context';
import { errorMessage } from '../shared/error-message';

export function AccountRelayToggles({ relayRunning }: { relayRunning: boolean }) {
  const cache = useCache();
  const accounts = useLiveQuery(() => listAccounts(cache.db), [cache.db]);
  const [problem, setProblem] = useState<string | null>(null);
  // The switch follows the click at once; the cache catches up when the save is done.
  const [saving, setSaving] = useState<ReadonlyMap<string, boolean>>(new Map());

  async function toggle(account: Account, sendThroughRelay: boolean): Promise<void> {
    const changed = { ...account, sendThroughRelay };
    setProblem(null);
    setSaving((m) => new Map(m).set(account.id, sendThroughRelay));
    try {
      await tern.invoke('account.save', { account: changed });
      await cache.durable.accounts.put(changed);
    } catch (error) {
      setProblem(`Could not change ${account.name}: ${errorMessage(error)}`);
    } finally {
      setSaving((m) => {
        const next = new Map(m);
        next.delete(account.id);
        return next;
      });
    }
  }

  return (
    <fieldset className="relay-accounts">
      <legend>Send through the relay</legend>
      {accounts?.length === 0 && <p className="muted">No accounts yet.</p>}
      {accounts?.map((account) => (
        <label key={account.id} className="checkbox-row">
          <input type="checkbox" checked={saving.get(account.id) ?? account.sendThroughRelay} onChange={(e) => void toggle(account, e.target.checked)} />
          {account.name} ({account.email})
        </label>
      ))}
      {!relayRunning && accounts?.some((a) => a.sendThroughRelay) && (
        <p className="field-hint">Mail from these accounts waits in the outbox until the relay runs.</p>
      )}
      {problem && <p role="alert">{problem}</p>}
    </fieldset>
  );
}
