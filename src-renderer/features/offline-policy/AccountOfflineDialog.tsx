/**
 * An IMAP account's offline settings (reached from the account row): the access model
 * (disconnected: mirror and queue; online: bodies on open, actions straight to the server),
 * the policy of folders without their own, and the disk budget, with what is used of it now.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Account } from '../../../src-shared/model';
import { offlineSettings } from '../../../src-shared/offline-policy';
import { bodyUsageOf } from '../../cache/body-budget';
import { Dialog } from '../../components/Dialog';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { FormField } from '../../components/FormField';
import { useCache } from '../app/cache-context';
import { errorMessage } from '../shared/error-message';
import { PolicyChoices } from './PolicyChoices';
import { budgetOf, fieldsOf, formatBytes, policyOf, withAccountSettings } from './policy-form';
import { saveAccount } from './save-account';

interface AccountOfflineDialogProps {
  account: Account;
  onClose(): void;
}

const MB = 1024 * 1024;

export function AccountOfflineDialog({ account, onClose }: AccountOfflineDialogProps) {
  const cache = useCache();
  const settings = offlineSettings(account);
  const used = useLiveQuery(() => bodyUsageOf(cache.db, account.id), [cache.db, account.id]);
  const [accessModel, setAccessModel] = useState(settings.accessModel);
  const [fields, setFields] = useState(fieldsOf(settings.defaultPolicy));
  const [budget, setBudget] = useState(String(Math.round(settings.budgetBytes / MB)));
  const [tried, setTried] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const policy = policyOf(fields);
  const bytes = budgetOf(budget);

  async function save(): Promise<void> {
    setTried(true);
    if (!policy.ok || policy.policy === undefined || !bytes.ok) return;
    setSaving(true);
    setProblem(null);
    try {
      await saveAccount(cache, withAccountSettings(account, accessModel, { defaultPolicy: policy.policy, budgetBytes: bytes.bytes }));
      onClose();
    } catch (error) {
      setProblem(`Could not save the settings: ${errorMessage(error)}`);
      setSaving(false);
    }
  }

  return (
    <Dialog title={`Offline settings for ${account.name}`} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <fieldset className="offline-choices">
          <legend>Access model</legend>
          <label className="checkbox-row">
            <input type="radio" name="access-model" checked={accessModel === 'disconnected'} onChange={() => setAccessModel('disconnected')} />
            Disconnected: keep mail for offline use and queue changes
          </label>
          <label className="checkbox-row">
            <input type="radio" name="access-model" checked={accessModel === 'online'} onChange={() => setAccessModel('online')} />
            Online: download a message when opened, change it on the server at once
          </label>
        </fieldset>
        {accessModel === 'disconnected' && (
          <PolicyChoices legend="Keep for offline reading (folders without their own policy)" fields={fields} error={tried && !policy.ok ? policy.reason : undefined} onChange={setFields} />
        )}
        <FormField
          label={accessModel === 'online' ? 'Cache of opened messages (MB)' : 'Disk budget (MB)'}
          hint="Beyond it the oldest message bodies are removed from this computer; their headers stay."
          error={tried && !bytes.ok ? bytes.reason : undefined}
        >
          {(control) => <input {...control} type="text" inputMode="numeric" value={budget} onChange={(event) => setBudget(event.target.value)} />}
        </FormField>
        <p role="status" className="offline-usage">
          {used === undefined ? '' : `Using ${formatBytes(used)} of ${formatBytes(settings.budgetBytes)}`}
        </p>
        {used !== undefined && <meter className="offline-meter" aria-label="Disk used by messages" min={0} max={settings.budgetBytes} value={Math.min(used, settings.budgetBytes)} />}
        {problem && <p role="alert">{problem}</p>}
        <SaveCancelActions onCancel={onClose} busy={saving} />
      </form>
    </Dialog>
  );
}
