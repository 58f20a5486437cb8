/**
 * Adding an account in one step (issue #8). The user gives an address and a password; the
 * engine discovers the servers (progress shown per source) with no password involved; the
 * user sees every setting with where it came from and may change any of them; only when
 * they press "Check and save" does the password go to those servers, and the account is
 * saved once both the incoming login and the SMTP authentication worked. The cache gets
 * the account (never the password) with strict durability, as the manual form does.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { DiscoveryResult, VerifyResult } from '../../../src-shared/account-setup';
import type { Account } from '../../../src-shared/model';
import { tern } from '../../bridge/tern';
import { Dialog } from '../../components/Dialog';
import { FormField } from '../../components/FormField';
import { newAccountId } from '../accounts/new-account-id';
import { useCache } from '../app/cache-context';
import { errorMessage } from '../shared/error-message';
import { DiscoveryProgressList } from './DiscoveryProgressList';
import { ServerFieldset } from './ServerFieldset';
import { CheckOutcome, PlaintextConsent } from './ServerCheck';
import { accountOf, formFromDiscovery, isEmailAddress, verifyArgsOf, withProgress, withProtocol, type StepProgress, type WizardForm } from './wizard-model';

interface AccountWizardDialogProps {
  onClose(): void;
  onSaved(account: Account): void;
  /** Leave the wizard for the form where every setting is typed by hand. */
  onManual(): void;
}

type Stage = 'address' | 'discovering' | 'servers' | 'checking';

export function AccountWizardDialog({ onClose, onSaved, onManual }: AccountWizardDialogProps) {
  const cache = useCache();
  const [accountId] = useState(newAccountId);
  const [stage, setStage] = useState<Stage>('address');
  const [start, setStart] = useState({ name: '', email: '', password: '' });
  const [startError, setStartError] = useState<string | null>(null);
  const [progress, setProgress] = useState<StepProgress>({});
  const [discovery, setDiscovery] = useState<DiscoveryResult | null>(null);
  const [form, setForm] = useState<WizardForm | null>(null);
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const unsubscribe = useRef<(() => void) | null>(null);
  useEffect(() => () => unsubscribe.current?.(), []);

  async function discover(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!isEmailAddress(start.email)) return setStartError('Enter an email address such as you@example.com.');
    if (!start.password) return setStartError('Enter the password of this address.');
    setStartError(null);
    setStage('discovering');
    setProgress({});
    // A new search starts from its own findings, not the last check's outcome.
    setResult(null);
    setFailure(null);
    const requestId = newAccountId();
    unsubscribe.current?.();
    unsubscribe.current = tern.on('account.discoverProgress', (event) => {
      if (event.requestId === requestId) setProgress((current) => withProgress(current, event));
    });
    try {
      const found = await tern.invoke('account.discover', { requestId, email: start.email.trim(), allowPlaintext: false });
      setDiscovery(found);
      setForm(formFromDiscovery({ ...start, email: start.email.trim() }, found));
      setStage('servers');
    } catch (error) {
      setStartError(`Could not look up the servers: ${errorMessage(error)}`);
      setStage('address');
    } finally {
      unsubscribe.current?.();
      unsubscribe.current = null;
    }
  }

  async function check(current: WizardForm): Promise<void> {
    const args = verifyArgsOf(current);
    if (!args.ok) return setFailure(args.message);
    setFailure(null);
    setStage('checking');
    try {
      const verified = await tern.invoke('account.verify', args.value);
      setResult(verified);
      if (verified.incoming.kind !== 'ok' || verified.smtp?.kind !== 'ok') return setStage('servers');
      const account = accountOf(current, accountId);
      if (!account.ok) {
        setFailure(account.message);
        return setStage('servers');
      }
      await tern.invoke('account.save', { account: account.value, password: current.password, ...(current.smtpPassword ? { smtpPassword: current.smtpPassword } : {}) });
      await cache.durable.accounts.put(account.value);
      onSaved(account.value);
    } catch (error) {
      setFailure(`Could not check the servers: ${errorMessage(error)}`);
      setStage('servers');
    }
  }

  function trust(pem: string): void {
    if (!form || form.trustedCertificates.includes(pem)) return;
    const next = { ...form, trustedCertificates: [...form.trustedCertificates, pem] };
    setForm(next);
    void check(next);
  }

  return (
    <Dialog title="Set up an account" onClose={onClose}>
      {(stage === 'address' || stage === 'discovering') && (
        <form className="account-form" noValidate onSubmit={(event) => void discover(event)}>
          <FormField label="Your name" hint="Shown to the people you write to.">
            {(control) => <input {...control} type="text" autoComplete="name" value={start.name} onChange={(e) => setStart({ ...start, name: e.target.value })} />}
          </FormField>
          <FormField label="Email address">
            {(control) => <input {...control} type="email" autoComplete="email" value={start.email} onChange={(e) => setStart({ ...start, email: e.target.value })} />}
          </FormField>
          <FormField label="Password" hint="Sent only to the servers you confirm in the next step.">
            {(control) => (
              <input {...control} type="password" autoComplete="current-password" value={start.password} onChange={(e) => setStart({ ...start, password: e.target.value })} />
            )}
          </FormField>
          {startError && (
            <p role="alert" className="form-alert">
              {startError}
            </p>
          )}
          {stage === 'discovering' && <DiscoveryProgressList progress={progress} />}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onManual}>
              Set up manually
            </button>
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button primary" disabled={stage === 'discovering'}>
              Find my servers
            </button>
          </div>
        </form>
      )}
      {(stage === 'servers' || stage === 'checking') && form && (
        <form
          className="account-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void check(form);
          }}
        >
          <p role="status">
            {discovery?.incoming && discovery.smtp
              ? 'Tern found these servers. Check them, change anything you need, then check and save.'
              : 'Tern could not find every server for this address. Enter what is missing (your provider publishes it).'}
            {discovery?.timedOut ? ' The search stopped at its time limit.' : ''}
          </p>
          {discovery && discovery.problems.length > 0 && (
            <details className="wizard-problems">
              <summary>Problems seen while searching ({discovery.problems.length})</summary>
              <ul>
                {discovery.problems.map((problem, index) => (
                  <li key={index}>
                    {problem.source}: {problem.message}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <FormField label="Incoming protocol">
            {(control) => (
              <select {...control} value={form.protocol} onChange={(e) => setForm(withProtocol(form, e.target.value === 'pop3' ? 'pop3' : 'imap'))}>
                <option value="imap">IMAP (keeps mail on the server, synchronised)</option>
                <option value="pop3">POP3 (downloads mail, leaves it on the server)</option>
              </select>
            )}
          </FormField>
          <ServerFieldset role="Incoming" protocol={form.protocol} fields={form.incoming} onChange={(incoming) => setForm({ ...form, incoming })} />
          <ServerFieldset role="Outgoing" protocol="smtp" fields={form.smtp} onChange={(smtp) => setForm({ ...form, smtp })} />
          <FormField label="Password" hint="The password of your address, sent to these servers when you check and save.">
            {(control) => (
              <input {...control} type="password" autoComplete="current-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
            )}
          </FormField>
          <FormField label="Outgoing password" hint="Only if the outgoing server takes a different password; otherwise leave it empty.">
            {(control) => (
              <input {...control} type="password" autoComplete="off" value={form.smtpPassword} onChange={(e) => setForm({ ...form, smtpPassword: e.target.value })} />
            )}
          </FormField>
          <PlaintextConsent checked={form.allowPlaintext} onChange={(allowPlaintext) => setForm({ ...form, allowPlaintext })} />
          <CheckOutcome result={result} failure={failure} onTrust={trust} />
          {stage === 'checking' && <p role="status">Checking the servers…</p>}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setStage('address')}>
              Back
            </button>
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button primary" disabled={stage === 'checking'}>
              Check and save
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
