/**
 * An account's settings after it was added (issue #8): its name, address, signature and
 * further identities, and its servers. Changed servers, a new password or a newly trusted
 * certificate are checked before anything is saved, with the same report as the wizard
 * (a certificate can be trusted from it); the saved password is reused only for the hosts
 * it was saved for (the engine enforces it). Name and identity changes save at once.
 */
import { useState, type FormEvent } from 'react';
import type { VerifyResult } from '../../../src-shared/account-setup';
import type { Account } from '../../../src-shared/model';
import { tern } from '../../bridge/tern';
import { Dialog } from '../../components/Dialog';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { FormField } from '../../components/FormField';
import { ServerFieldset } from '../account-wizard/ServerFieldset';
import { CheckOutcome, PlaintextConsent } from '../account-wizard/ServerCheck';
import { useCache } from '../app/cache-context';
import { errorMessage } from '../shared/error-message';
import { IdentityEditor } from './IdentityEditor';
import { editedAccount, needsCheck, reverifyArgsOf, settingsFormOf, type SettingsForm } from './settings-model';

export function AccountSettingsDialog({ account, onClose }: { account: Account; onClose(): void }) {
  const cache = useCache();
  const [form, setForm] = useState<SettingsForm>(() => settingsFormOf(account));
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(current: SettingsForm): Promise<void> {
    const edited = editedAccount(account, current);
    if (!edited.ok) return setFailure(edited.message);
    setFailure(null);
    setBusy(true);
    try {
      if (needsCheck(account, edited.value, current)) {
        const verified = await tern.invoke('account.reverify', reverifyArgsOf(edited.value, current));
        setResult(verified);
        if (verified.incoming.kind !== 'ok' || (verified.smtp !== null && verified.smtp.kind !== 'ok')) return;
      }
      await tern.invoke('account.save', {
        account: edited.value,
        ...(current.password ? { password: current.password } : {}),
        ...(current.smtpPassword ? { smtpPassword: current.smtpPassword } : {}),
      });
      await cache.durable.accounts.put(edited.value);
      onClose();
    } catch (error) {
      setFailure(`Could not save the settings: ${errorMessage(error)}`);
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    void save(form);
  }

  function trust(pem: string): void {
    if (form.trustedCertificates.includes(pem)) return;
    const next = { ...form, trustedCertificates: [...form.trustedCertificates, pem] };
    setForm(next);
    void save(next);
  }

  const protocol = account.incoming.protocol;
  return (
    <Dialog title={`Settings for ${account.name}`} onClose={onClose}>
      <form className="account-form" noValidate onSubmit={onSubmit}>
        <FormField label="Your name" hint="Shown to the people you write to.">
          {(control) => <input {...control} type="text" autoComplete="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
        </FormField>
        <FormField label="Email address">
          {(control) => <input {...control} type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />}
        </FormField>
        <FormField label="Reply-To" hint="Where replies go, if not to this address.">
          {(control) => <input {...control} type="email" value={form.replyTo} onChange={(e) => setForm({ ...form, replyTo: e.target.value })} />}
        </FormField>
        <FormField label="Signature" hint="Added below new messages from this address.">
          {(control) => <textarea {...control} rows={3} value={form.signature} onChange={(e) => setForm({ ...form, signature: e.target.value })} />}
        </FormField>
        <IdentityEditor identities={form.identities} onChange={(identities) => setForm({ ...form, identities })} />
        <ServerFieldset role="Incoming" protocol={protocol} fields={form.incoming} showSource={false} onChange={(incoming) => setForm({ ...form, incoming })} />
        <ServerFieldset role="Outgoing" protocol="smtp" fields={form.smtp} showSource={false} onChange={(smtp) => setForm({ ...form, smtp })} />
        <FormField label="New password" hint="Leave empty to keep the saved one. A changed server needs it typed again.">
          {(control) => <input {...control} type="password" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />}
        </FormField>
        <FormField label="New outgoing password" hint="Only if the outgoing server takes a different password.">
          {(control) => <input {...control} type="password" autoComplete="off" value={form.smtpPassword} onChange={(e) => setForm({ ...form, smtpPassword: e.target.value })} />}
        </FormField>
        <PlaintextConsent checked={form.allowPlaintext} onChange={(allowPlaintext) => setForm({ ...form, allowPlaintext })} />
        <CheckOutcome result={result} failure={failure} onTrust={trust} />
        {busy && <p role="status">Checking the servers…</p>}
        <SaveCancelActions onCancel={onClose} busy={busy} />
      </form>
    </Dialog>
  );
}
