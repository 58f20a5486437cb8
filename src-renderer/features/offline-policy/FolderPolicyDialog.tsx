/**
 * "Offline policy…" of a folder (its context menu): which of its bodies are kept for
 * reading without a connection. Saving changes the account's settings; the engine then
 * downloads what the new policy asks for in the background.
 */
import { useState } from 'react';
import type { Account, Folder } from '../../../src-shared/model';
import { describePolicy, folderPolicy, offlineSettings } from '../../../src-shared/offline-policy';
import { Dialog } from '../../components/Dialog';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { useCache } from '../app/cache-context';
import { errorMessage } from '../shared/error-message';
import { folderDisplayName } from '../folders/folder-tree';
import { PolicyChoices } from './PolicyChoices';
import { fieldsOf, policyOf, withFolderPolicy } from './policy-form';
import { saveAccount } from './save-account';

interface FolderPolicyDialogProps {
  account: Account;
  folder: Folder;
  onDone(notice: string): void;
  onClose(): void;
}

export function FolderPolicyDialog({ account, folder, onDone, onClose }: FolderPolicyDialogProps) {
  const cache = useCache();
  const settings = offlineSettings(account);
  const own = settings.folderPolicies[folder.path];
  // Without its own policy the folder follows its special-use default, else the account's.
  const inherited = folderPolicy({ ...settings, folderPolicies: {} }, folder);
  const [fields, setFields] = useState(fieldsOf(own));
  const [tried, setTried] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const result = policyOf(fields);
  const shown = folderDisplayName(folder);
  const inheritLabel = `${inherited.source === 'special' ? 'Default for this kind of folder' : 'Account default'} (${describePolicy(inherited.policy)})`;

  async function save(): Promise<void> {
    setTried(true);
    if (!result.ok) return;
    setSaving(true);
    setProblem(null);
    try {
      await saveAccount(cache, withFolderPolicy(account, folder.path, result.policy));
      onDone(`${shown} keeps offline: ${describePolicy(result.policy ?? inherited.policy)}`);
    } catch (error) {
      setProblem(`Could not save the policy: ${errorMessage(error)}`);
      setSaving(false);
    }
  }

  return (
    <Dialog title={`Offline policy for ${shown}`} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        {settings.accessModel === 'online' && <p className="field-hint">This account is set to work online: bodies are downloaded when opened, whatever the folder policy.</p>}
        <PolicyChoices legend="Keep for offline reading" fields={fields} inheritLabel={inheritLabel} error={tried && !result.ok ? result.reason : undefined} onChange={setFields} />
        {problem && <p role="alert">{problem}</p>}
        <SaveCancelActions onCancel={onClose} busy={saving} />
      </form>
    </Dialog>
  );
}
