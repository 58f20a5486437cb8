/**
 * The account wizard as pure data: the servers discovery proposed (each with its source),
 * turned into editable fields, checked against the shared schemas, and turned into the
 * `account.verify` arguments and finally the Account the engine saves. New accounts get
 * the sensible defaults of issue #8: IMAP in the disconnected model, else POP3.
 */
import type { DiscoverProgress, DiscoveryResult, DiscoveryStep, ServerCandidateDto, VerifyArgs, VerifyOutcome } from '../../../src-shared/account-setup';
import { accountSchema, serverSettingsSchema, type Account, type IncomingProtocol, type Security, type ServerSettings } from '../../../src-shared/model';

export interface ServerFields {
  host: string;
  port: string;
  security: Security;
  user: string;
  /** Where discovery found it; null when the user typed it or nothing was found. */
  source: string | null;
}

export interface WizardForm {
  name: string;
  email: string;
  password: string;
  protocol: IncomingProtocol;
  incoming: ServerFields;
  smtp: ServerFields;
  /** Empty unless the SMTP login has its own password. */
  smtpPassword: string;
  /** PEM certificates the user chose to trust after seeing them. */
  trustedCertificates: string[];
  /** Explicit consent to unencrypted connections beyond this machine. */
  allowPlaintext: boolean;
}

export const stepLabels: Record<DiscoveryStep, string> = {
  autoconfig: 'Provider configuration (autoconfig)',
  srv: 'DNS service records (SRV)',
  mx: "The mail exchanger's provider (MX)",
  guess: 'Trying common server names',
};

export const discoverySteps: readonly DiscoveryStep[] = ['autoconfig', 'srv', 'mx', 'guess'];

export type StepProgress = Partial<Record<DiscoveryStep, Pick<DiscoverProgress, 'state' | 'detail'>>>;

export function withProgress(progress: StepProgress, event: Pick<DiscoverProgress, 'step' | 'state' | 'detail'>): StepProgress {
  return { ...progress, [event.step]: { state: event.state, detail: event.detail } };
}

export function stepStateText(state: DiscoverProgress['state'] | undefined): string {
  switch (state) {
    case undefined:
      return 'not needed yet';
    case 'started':
      return 'looking…';
    case 'found':
      return 'found';
    case 'nothing':
      return 'nothing there';
    case 'failed':
      return 'problem';
  }
}

const defaultPorts: Record<'imap' | 'pop3' | 'smtp', Record<Security, number>> = {
  imap: { tls: 993, starttls: 143, none: 143 },
  pop3: { tls: 995, starttls: 110, none: 110 },
  smtp: { tls: 465, starttls: 587, none: 587 },
};

function fieldsOf(candidate: ServerCandidateDto | null, protocol: 'imap' | 'pop3' | 'smtp', email: string): ServerFields {
  if (!candidate) return { host: '', port: String(defaultPorts[protocol].tls), security: 'tls', user: email, source: null };
  return { host: candidate.host, port: String(candidate.port), security: candidate.security, user: candidate.username, source: candidate.source };
}

export function formFromDiscovery(start: { name: string; email: string; password: string }, result: DiscoveryResult): WizardForm {
  const protocol: IncomingProtocol = result.incoming?.protocol === 'pop3' ? 'pop3' : 'imap';
  return {
    ...start,
    protocol,
    incoming: fieldsOf(result.incoming, protocol, start.email),
    smtp: fieldsOf(result.smtp, 'smtp', start.email),
    smtpPassword: '',
    trustedCertificates: [],
    allowPlaintext: false,
  };
}

/** An edit by the user: the field no longer comes from discovery. */
export function editServer(fields: ServerFields, patch: Partial<Omit<ServerFields, 'source'>>): ServerFields {
  return { ...fields, ...patch, source: null };
}

/** Switching protocol moves the port to that protocol's default for the chosen security. */
export function withProtocol(form: WizardForm, protocol: IncomingProtocol): WizardForm {
  return { ...form, protocol, incoming: editServer(form.incoming, { port: String(defaultPorts[protocol][form.incoming.security]) }) };
}

export function withSecurity(fields: ServerFields, protocol: 'imap' | 'pop3' | 'smtp', security: Security): ServerFields {
  return editServer(fields, { security, port: String(defaultPorts[protocol][security]) });
}

export function settingsOf(fields: ServerFields): ServerSettings | null {
  const parsed = serverSettingsSchema.safeParse({ host: fields.host.trim(), port: Number(fields.port), security: fields.security, user: fields.user.trim() });
  return parsed.success ? parsed.data : null;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export function verifyArgsOf(form: WizardForm): Checked<VerifyArgs> {
  const incoming = settingsOf(form.incoming);
  if (!incoming) return { ok: false, message: 'Enter the incoming server: a host name, a port from 1 to 65535 and a user name.' };
  const smtp = settingsOf(form.smtp);
  if (!smtp) return { ok: false, message: 'Enter the outgoing (SMTP) server: a host name, a port from 1 to 65535 and a user name.' };
  return {
    ok: true,
    value: {
      incoming: form.protocol === 'imap' ? { protocol: 'imap', accessModel: 'disconnected', ...incoming } : { protocol: 'pop3', ...incoming },
      smtp,
      password: form.password,
      ...(form.smtpPassword ? { smtpPassword: form.smtpPassword } : {}),
      trustedCertificates: form.trustedCertificates,
      allowPlaintext: form.allowPlaintext,
    },
  };
}

export function accountOf(form: WizardForm, id: string): Checked<Account> {
  const args = verifyArgsOf(form);
  if (!args.ok) return args;
  const parsed = accountSchema.safeParse({
    id,
    name: form.name.trim() || form.email.trim(),
    email: form.email.trim(),
    incoming: args.value.incoming,
    smtp: args.value.smtp,
    trustedCertificates: form.trustedCertificates,
  });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: `These settings cannot be saved: ${parsed.error.issues[0]?.message ?? 'invalid'}.` };
}

/** What the user reads for one server's verification. */
export function outcomeText(outcome: VerifyOutcome): string {
  switch (outcome.kind) {
    case 'ok':
      return `Works. ${outcome.detail}`;
    case 'wrong-password':
      return `Wrong user name or password. ${outcome.detail}`;
    case 'unreachable':
      return `Server unreachable. ${outcome.detail}`;
    case 'certificate-untrusted':
      return `Certificate not trusted. ${outcome.detail}`;
    case 'tls-not-offered':
      return `Encryption required but not offered. ${outcome.detail}`;
    case 'plaintext-refused':
      return `Unencrypted connection refused. ${outcome.detail}`;
    case 'failed':
      return `Did not work. ${outcome.detail}`;
  }
}

export function isEmailAddress(text: string): boolean {
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text.trim());
}
