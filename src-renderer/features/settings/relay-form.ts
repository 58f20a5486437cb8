/**
 * The relay settings form as plain data: what the fields hold (strings, as typed) and how
 * they become the settings the main process accepts, with one message per wrong field.
 * The main process checks again (contract schema); this only lets the form name the field.
 */
import { parseSmarthostUrl, relaySettingsSchema, type RelaySettings } from '../../../src-shared/relay-settings';

export interface RelayFormValues {
  enabled: boolean;
  listenHost: string;
  listenPort: string;
  mode: 'direct' | 'smarthost';
  dnsServer: string;
  smarthostUrl: string;
  smarthostUser: string;
  /** Empty keeps the saved password. */
  smarthostPassword: string;
}

export type RelayFormField = 'listenHost' | 'listenPort' | 'dnsServer' | 'smarthostUrl' | 'smarthostPassword';

export function formValuesOf(settings: RelaySettings): RelayFormValues {
  return {
    enabled: settings.enabled,
    listenHost: settings.listenHost,
    listenPort: String(settings.listenPort),
    mode: settings.mode,
    dnsServer: settings.dnsServer ?? '',
    smarthostUrl: settings.smarthostUrl ?? '',
    smarthostUser: settings.smarthostUser ?? '',
    smarthostPassword: '',
  };
}

export type RelayFormResult =
  | { ok: true; settings: RelaySettings; smarthostPassword?: string }
  | { ok: false; errors: Partial<Record<RelayFormField, string>> };

export function readRelayForm(values: RelayFormValues, passwordSaved: boolean): RelayFormResult {
  const errors: Partial<Record<RelayFormField, string>> = {};
  const port = Number(values.listenPort);
  if (!/^\d+$/.test(values.listenPort.trim()) || port < 1 || port > 65535) errors.listenPort = 'Enter a port number from 1 to 65535.';
  const smarthost = values.mode === 'smarthost';
  const user = values.smarthostUser.trim();
  if (smarthost) {
    const parsed = parseSmarthostUrl(values.smarthostUrl);
    if ('error' in parsed) errors.smarthostUrl = `The smarthost URL ${parsed.error}.`;
    if (user && !values.smarthostPassword && !passwordSaved) errors.smarthostPassword = 'Enter the password for this user name.';
  }
  const candidate = {
    enabled: values.enabled,
    listenHost: values.listenHost.trim(),
    listenPort: port,
    mode: values.mode,
    dnsServer: !smarthost && values.dnsServer.trim() ? values.dnsServer.trim() : null,
    smarthostUrl: smarthost ? values.smarthostUrl.trim() : null,
    smarthostUser: smarthost && user ? user : null,
  };
  const parsed = relaySettingsSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === 'listenHost' || field === 'dnsServer') && !errors[field]) errors[field] = `This ${issue.message}.`;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, settings: parsed.data, ...(smarthost && user && values.smarthostPassword ? { smarthostPassword: values.smarthostPassword } : {}) };
}
