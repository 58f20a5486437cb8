/**
 * The "Add account" form. The engine is told first (it stores the password in the host's
 * secret store and starts supervising the account); only when it has accepted the account
 * is it written to the cache, with strict durability because the user was told it is saved.
 */
import { useRef, useState, type FormEvent } from 'react';
import { securitySchema, type Account, type IncomingProtocol, type Pop3Retention, type Security } from '../../../src-shared/model';
import { tern } from '../../bridge/tern';
import { Dialog } from '../../components/Dialog';
import { FormField } from '../../components/FormField';
import { useCache } from '../app/cache-context';
import { errorMessage } from '../shared/error-message';
import { accountFields, emptyAccountForm, validateAccountForm, withEmail, withProtocol, withSecurity, withSmtpSecurity, type AccountFormValues } from './account-form';
import { newAccountId } from './new-account-id';

interface AddAccountDialogProps {
  onClose(): void;
  onSaved(account: Account): void;
}

const securityLabels: Record<Security, string> = { tls: 'TLS', starttls: 'STARTTLS', none: 'None (plaintext)' };
const protocolLabels: Record<IncomingProtocol, string> = { imap: 'IMAP', pop3: 'POP3' };
const retentionLabels: Record<Pop3Retention, string> = {
  keep: 'Leave it on the server',
  'delete-after-download': 'Delete it once downloaded',
  'delete-after-days': 'Delete it after some days',
  'delete-when-deleted-locally': 'Delete it when I delete it in Tern',
};
const retentions = Object.keys(retentionLabels) as Pop3Retention[];

function SecurityOptions() {
  return securitySchema.options.map((security) => (
    <option key={security} value={security}>
      {securityLabels[security]}
    </option>
  ));
}

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
        <FormField label="Incoming protocol" hint={values.protocol === 'pop3' ? 'POP3 downloads mail into folders kept on this computer.' : undefined}>
          {(control) => (
            <select {...control} name="protocol" value={values.protocol} onChange={(e) => setValues((v) => withProtocol(v, e.target.value === 'pop3' ? 'pop3' : 'imap'))}>
              {(['imap', 'pop3'] as const).map((protocol) => (
                <option key={protocol} value={protocol}>
                  {protocolLabels[protocol]}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={`${protocolLabels[values.protocol]} server`} error={errors.host}>
          {(control) => (
            <input
              {...control}
              name="host"
              type="text"
              placeholder={values.protocol === 'imap' ? 'imap.example.com' : 'pop.example.com'}
              autoCapitalize="off"
              spellCheck={false}
              value={values.host}
              onChange={(e) => update({ host: e.target.value })}
            />
          )}
        </FormField>
        <div className="form-row">
          <FormField label="Security" hint={values.security === 'none' ? 'Your password and mail cross the network unencrypted.' : undefined}>
            {(control) => (
              <select {...control} name="security" value={values.security} onChange={(e) => setValues((v) => withSecurity(v, securitySchema.parse(e.target.value)))}>
                <SecurityOptions />
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
        {values.protocol === 'pop3' && (
          <div className="form-row">
            <FormField label="After downloading a message">
              {(control) => (
                <select {...control} name="retention" value={values.retention} onChange={(e) => update({ retention: retentions.find((r) => r === e.target.value) ?? 'keep' })}>
                  {retentions.map((retention) => (
                    <option key={retention} value={retention}>
                      {retentionLabels[retention]}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            {values.retention === 'delete-after-days' && (
              <FormField label="Days on the server" error={errors.retentionDays}>
                {(control) => (
                  <input {...control} name="retentionDays" type="number" min={1} max={3650} inputMode="numeric" value={values.retentionDays} onChange={(e) => update({ retentionDays: e.target.value })} />
                )}
              </FormField>
            )}
            <FormField label="Minutes between checks" error={errors.checkMinutes}>
              {(control) => (
                <input {...control} name="checkMinutes" type="number" min={1} max={1440} inputMode="numeric" value={values.checkMinutes} onChange={(e) => update({ checkMinutes: e.target.value })} />
              )}
            </FormField>
          </div>
        )}
        <fieldset className="form-box form-section">
          <legend>Outgoing mail (optional)</legend>
          <FormField label="SMTP server" error={errors.smtpHost}>
            {(control) => (
              <input {...control} name="smtpHost" type="text" placeholder="smtp.example.com" autoCapitalize="off" spellCheck={false} value={values.smtpHost} onChange={(e) => update({ smtpHost: e.target.value })} />
            )}
          </FormField>
          <div className="form-row">
            <FormField label="SMTP security">
              {(control) => (
                <select {...control} name="smtpSecurity" value={values.smtpSecurity} onChange={(e) => setValues((v) => withSmtpSecurity(v, securitySchema.parse(e.target.value)))}>
                  <SecurityOptions />
                </select>
              )}
            </FormField>
            <FormField label="SMTP port" error={errors.smtpPort}>
              {(control) => (
                <input {...control} name="smtpPort" type="number" min={1} max={65535} inputMode="numeric" value={values.smtpPort} onChange={(e) => update({ smtpPort: e.target.value, smtpPortEdited: true })} />
              )}
            </FormField>
          </div>
          <FormField label="SMTP user name" hint="Leave empty to use the incoming user name and password." error={errors.smtpUser}>
            {(control) => (
              <input {...control} name="smtpUser" type="text" autoCapitalize="off" spellCheck={false} value={values.smtpUser} onChange={(e) => update({ smtpUser: e.target.value })} />
            )}
          </FormField>
        </fieldset>
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
