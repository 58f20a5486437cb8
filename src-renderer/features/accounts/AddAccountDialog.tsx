/**
 * The "Add account" form. The engine is told first (it stores the password in the host's
 * secret store and starts supervising the account); only when it has accepted the account
 * is it written to the cache, with strict durability because the user was told it is saved.
 */
import { useRef, useState, type FormEvent } from 'react';
import { securitySchema, type Account, type Security } from '../../../src-shared/model';
import { tern } from '../../bridge/tern';
import { Dialog } from '../../components/Dialog';
import { FormField } from '../../components/FormField';
import { useCache } from '../app/cache-context';
import { errorMessage } from '../shared/error-message';
import { accountFields, emptyAccountForm, validateAccountForm, withEmail, withSecurity, type AccountFormValues } from './account-form';
import { newAccountId } from './new-account-id';

interface AddAccountDialogProps {
  onClose(): void;
  onSaved(account: Account): void;
}

const securityLabels: Record<Security, string> = { tls: 'TLS', starttls: 'STARTTLS', none: 'None (plaintext)' };

export function AddAccountDialog({ onClose, onSaved }: AddAccountDialogProps) {
  const cache = useCache();
  // One id per dialog, so trying again after a failure saves the same account, not a second.
  const [accountId] = useState(newAccountId);
  const [values, setValues] = useState<AccountFormValues>(emptyAccountForm);
  const [showErrors, setShowErrors] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const validation = validateAccountForm(values, accountId);
  // Errors appear after the first attempt to save, then follow every keystroke.
  const errors = showErrors ? (validation.errors ?? {}) : {};
  const update = (patch: Partial<AccountFormValues>): void => setValues((current) => ({ ...current, ...patch }));

  async function save(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (saving) return;
    if (!validation.account) {
      setShowErrors(true);
      const first = accountFields.find((field) => validation.errors[field]);
      const control = first ? formRef.current?.elements.namedItem(first) : null;
      if (control instanceof HTMLElement) control.focus();
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      await tern.invoke('account.save', { account: validation.account, password: values.password });
      await cache.durable.accounts.put(validation.account);
      onSaved(validation.account);
    } catch (error) {
      setFailure(`Could not save the account: ${errorMessage(error)}`);
      setSaving(false);
    }
  }

  return (
    <Dialog title="Add account" onClose={onClose}>
      <form ref={formRef} className="account-form" noValidate onSubmit={(event) => void save(event)}>
        <FormField label="Account name" hint="Shown in the folder list, such as Work or Home." error={errors.name}>
          {(control) => <input {...control} name="name" type="text" value={values.name} onChange={(e) => update({ name: e.target.value })} />}
        </FormField>
        <FormField label="Email address" error={errors.email}>
          {(control) => (
            <input {...control} name="email" type="email" autoComplete="email" value={values.email} onChange={(e) => setValues((v) => withEmail(v, e.target.value))} />
          )}
        </FormField>
        <FormField label="IMAP server" error={errors.host}>
          {(control) => (
            <input {...control} name="host" type="text" placeholder="imap.example.com" autoCapitalize="off" spellCheck={false} value={values.host} onChange={(e) => update({ host: e.target.value })} />
          )}
        </FormField>
        <div className="form-row">
          <FormField label="Security" hint={values.security === 'none' ? 'Your password and mail cross the network unencrypted.' : undefined}>
            {(control) => (
              <select {...control} name="security" value={values.security} onChange={(e) => setValues((v) => withSecurity(v, securitySchema.parse(e.target.value)))}>
                {securitySchema.options.map((security) => (
                  <option key={security} value={security}>
                    {securityLabels[security]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField label="Port" error={errors.port}>
            {(control) => (
              <input {...control} name="port" type="number" min={1} max={65535} inputMode="numeric" value={values.port} onChange={(e) => update({ port: e.target.value, portEdited: true })} />
            )}
          </FormField>
        </div>
        <FormField label="User name" error={errors.user}>
          {(control) => (
            <input {...control} name="user" type="text" autoCapitalize="off" spellCheck={false} value={values.user} onChange={(e) => update({ user: e.target.value, userEdited: true })} />
          )}
        </FormField>
        <FormField label="Password" error={errors.password}>
          {(control) => <input {...control} name="password" type="password" autoComplete="current-password" value={values.password} onChange={(e) => update({ password: e.target.value })} />}
        </FormField>
        <FormField label="Trusted certificate (PEM)" hint="Optional. Only for a server with a self-signed certificate: paste that certificate here." error={errors.certificate}>
          {(control) => <textarea {...control} name="certificate" rows={3} spellCheck={false} value={values.certificate} onChange={(e) => update({ certificate: e.target.value })} />}
        </FormField>
        {failure && (
          <p role="alert" className="form-alert">
            {failure}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={saving}>
            Save account
          </button>
        </div>
      </form>
    </Dialog>
  );
}
