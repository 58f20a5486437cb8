/**
 * The relay's settings: on/off, where it listens, and how it delivers (directly to MX hosts,
 * optionally through a chosen DNS server, or through a smarthost with a login). Saving
 * restarts the relay with the new settings; its state is announced in a live status line.
 */
import { useState, type FormEvent } from 'react';
import type { RelayOverview, RelayStatus } from '../../../src-shared/relay-settings';
import { tern } from '../../bridge/tern';
import { FormField } from '../../components/FormField';
import { errorMessage } from '../shared/error-message';
import { formValuesOf, readRelayForm, type RelayFormField, type RelayFormValues } from './relay-form';

export function relayStatusText(status: RelayStatus): string {
  if (status.state === 'running' && status.address) return `The relay is running and takes mail on ${status.address.host}:${status.address.port}.`;
  if (status.state === 'starting') return 'The relay is starting…';
  if (status.state === 'failed') return `The relay could not start: ${status.error ?? 'unknown reason'}`;
  return 'The relay is off.';
}

export function RelaySettingsForm({ overview }: { overview: RelayOverview }) {
  const [values, setValues] = useState<RelayFormValues>(() => formValuesOf(overview.settings));
  const [errors, setErrors] = useState<Partial<Record<RelayFormField, string>>>({});
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const update = (change: Partial<RelayFormValues>): void => setValues((v) => ({ ...v, ...change }));

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    const result = readRelayForm(values, overview.smarthostPasswordSaved);
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    setSaving(true);
    setProblem(null);
    try {
      await tern.invoke('relay.configure', { settings: result.settings, ...(result.smarthostPassword ? { smarthostPassword: result.smarthostPassword } : {}) });
      update({ smarthostPassword: '' });
    } catch (error) {
      setProblem(`Could not save the relay settings: ${errorMessage(error)}`);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="relay-form" aria-label="Relay settings" noValidate onSubmit={(event) => void save(event)}>
      <p role="status" aria-label="Relay state" className={`relay-status relay-${overview.status.state}`}>
        {relayStatusText(overview.status)}
      </p>
      <label className="checkbox-row">
        <input type="checkbox" checked={values.enabled} onChange={(e) => update({ enabled: e.target.checked })} />
        Run the embedded relay
      </label>
      <div className="relay-listen">
        <FormField label="Listen address" hint="Loopback only: the relay takes mail from this computer." error={errors.listenHost}>
          {(control) => <input {...control} type="text" spellCheck={false} value={values.listenHost} onChange={(e) => update({ listenHost: e.target.value })} />}
        </FormField>
        <FormField label="Port" error={errors.listenPort}>
          {(control) => <input {...control} type="text" inputMode="numeric" value={values.listenPort} onChange={(e) => update({ listenPort: e.target.value })} />}
        </FormField>
      </div>
      <fieldset className="relay-mode">
        <legend>Delivery</legend>
        <label className="checkbox-row">
          <input type="radio" name="relay-mode" checked={values.mode === 'direct'} onChange={() => update({ mode: 'direct' })} />
          Directly to each recipient’s mail servers (MX)
        </label>
        <label className="checkbox-row">
          <input type="radio" name="relay-mode" checked={values.mode === 'smarthost'} onChange={() => update({ mode: 'smarthost' })} />
          Through a smarthost
        </label>
      </fieldset>
      {values.mode === 'direct' ? (
        <FormField label="DNS server" hint="Optional, as IP:PORT; empty uses the system’s resolver." error={errors.dnsServer}>
          {(control) => <input {...control} type="text" spellCheck={false} value={values.dnsServer} onChange={(e) => update({ dnsServer: e.target.value })} />}
        </FormField>
      ) : (
        <>
          <FormField label="Smarthost URL" hint="smtp://host:587 (STARTTLS) or smtps://host:465 (TLS)." error={errors.smarthostUrl}>
            {(control) => <input {...control} type="text" spellCheck={false} autoCapitalize="off" value={values.smarthostUrl} onChange={(e) => update({ smarthostUrl: e.target.value })} />}
          </FormField>
          <FormField label="Smarthost user name" hint="Empty when the smarthost needs no login.">
            {(control) => <input {...control} type="text" spellCheck={false} autoCapitalize="off" value={values.smarthostUser} onChange={(e) => update({ smarthostUser: e.target.value })} />}
          </FormField>
          <FormField
            label="Smarthost password"
            hint={overview.smarthostPasswordSaved ? 'A password is saved; leave empty to keep it.' : 'Kept in the system’s secret store, never in the mail cache.'}
            error={errors.smarthostPassword}
          >
            {(control) => <input {...control} type="password" autoComplete="off" value={values.smarthostPassword} onChange={(e) => update({ smarthostPassword: e.target.value })} />}
          </FormField>
        </>
      )}
      {problem && <p role="alert">{problem}</p>}
      <div className="dialog-actions">
        <button type="submit" className="button primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save relay settings'}
        </button>
      </div>
    </form>
  );
}
