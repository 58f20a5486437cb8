/**
 * The "Add account" form as pure data: its defaults, the fields that follow others until
 * the user edits them (ports follow protocol and security, user names follow the email
 * address), and validation against the shared `accountSchema`, so the form can never submit
 * an account the engine would refuse.
 */
import { accountSchema, type Account, type IncomingProtocol, type Pop3Retention, type Security } from '../../../src-shared/model';

export interface AccountFormValues {
  name: string;
  email: string;
  protocol: IncomingProtocol;
  host: string;
  port: string;
  portEdited: boolean;
  security: Security;
  user: string;
  userEdited: boolean;
  password: string;
  /** What a POP3 account does with the server's copy (ignored for IMAP). */
  retention: Pop3Retention;
  retentionDays: string;
  /** Minutes between a POP3 account's checks for new mail. */
  checkMinutes: string;
  /** Empty: no submission server yet (the account can still receive mail). */
  smtpHost: string;
  smtpPort: string;
  smtpPortEdited: boolean;
  smtpSecurity: Security;
  /** Empty: the incoming user name. */
  smtpUser: string;
  certificate: string;
}

export type AccountField = 'name' | 'email' | 'host' | 'port' | 'user' | 'password' | 'retentionDays' | 'checkMinutes' | 'smtpHost' | 'smtpPort' | 'smtpUser' | 'certificate';
export type AccountFormErrors = Partial<Record<AccountField, string>>;

/** In the order the form shows them, so the first invalid one can take the focus. */
export const accountFields: readonly AccountField[] = ['name', 'email', 'host', 'port', 'user', 'password', 'retentionDays', 'checkMinutes', 'smtpHost', 'smtpPort', 'smtpUser', 'certificate'];

export const emptyAccountForm: AccountFormValues = {
  name: '',
  email: '',
  protocol: 'imap',
  host: '',
  port: '993',
  portEdited: false,
  security: 'tls',
  user: '',
  userEdited: false,
  password: '',
  retention: 'keep',
  retentionDays: '14',
  checkMinutes: '10',
  smtpHost: '',
  smtpPort: '587',
  smtpPortEdited: false,
  smtpSecurity: 'starttls',
  smtpUser: '',
  certificate: '',
};

/** Implicit-TLS ports for TLS (RFC 8314), the plain ones for STARTTLS and plaintext. */
export function defaultPort(protocol: IncomingProtocol | 'smtp', security: Security): number {
  if (protocol === 'imap') return security === 'tls' ? 993 : 143;
  if (protocol === 'pop3') return security === 'tls' ? 995 : 110;
  return security === 'tls' ? 465 : 587; // RFC 8314 submissions, RFC 6409 submission
}

export function withSecurity(values: AccountFormValues, security: Security): AccountFormValues {
  return { ...values, security, port: values.portEdited ? values.port : String(defaultPort(values.protocol, security)) };
}

export function withProtocol(values: AccountFormValues, protocol: IncomingProtocol): AccountFormValues {
  return { ...values, protocol, port: values.portEdited ? values.port : String(defaultPort(protocol, values.security)) };
}

export function withSmtpSecurity(values: AccountFormValues, smtpSecurity: Security): AccountFormValues {
  return { ...values, smtpSecurity, smtpPort: values.smtpPortEdited ? values.smtpPort : String(defaultPort('smtp', smtpSecurity)) };
}

export function withEmail(values: AccountFormValues, email: string): AccountFormValues {
  return { ...values, email, user: values.userEdited ? values.user : email.trim() };
}

/** Returns the account when the form is valid, otherwise one message per invalid field. */
export function validateAccountForm(
  values: AccountFormValues,
  id: string,
): { account: Account; errors: null } | { account: null; errors: AccountFormErrors } {
  const errors: AccountFormErrors = {};
  const certificate = values.certificate.trim();
  const server = { host: values.host.trim(), port: Number(values.port), security: values.security, user: values.user.trim() };
  const smtpHost = values.smtpHost.trim();
  const candidate = {
    id,
    name: values.name.trim(),
    email: values.email.trim(),
    incoming:
      values.protocol === 'imap'
        ? { protocol: 'imap' as const, ...server }
        : {
            protocol: 'pop3' as const,
            ...server,
            retention: values.retention,
            ...(values.retention === 'delete-after-days' ? { retentionDays: Number(values.retentionDays) } : {}),
            checkIntervalMinutes: Number(values.checkMinutes),
          },
    smtp: smtpHost ? { host: smtpHost, port: Number(values.smtpPort), security: values.smtpSecurity, user: values.smtpUser.trim() || server.user } : null,
    trustedCertificates: certificate ? [certificate] : [],
  };
  const parsed = accountSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path);
      if (field && !errors[field]) errors[field] = messageFor(field, candidate, issue.message);
    }
  }
  if (!errors.email && !/^[^@\s]+@[^@\s]+$/.test(candidate.email)) errors.email = 'Enter an email address such as you@example.com.';
  if (!values.password) errors.password = 'Enter the password for this account.';
  if (!errors.certificate && certificate && !certificate.includes('-----BEGIN CERTIFICATE-----')) {
    errors.certificate = 'Paste the certificate in PEM form, starting with -----BEGIN CERTIFICATE-----.';
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { account: null, errors };
  return { account: parsed.data, errors: null };
}

/** The fields the shared schema checks; the password is not part of an Account. */
type SchemaField = Exclude<AccountField, 'password'>;

function fieldOf(path: readonly PropertyKey[]): SchemaField | null {
  const [head, sub] = path;
  if (head === 'name' || head === 'email') return head;
  if (head === 'trustedCertificates') return 'certificate';
  if (head === 'incoming' && (sub === 'host' || sub === 'port' || sub === 'user')) return sub;
  if (head === 'incoming' && sub === 'retentionDays') return 'retentionDays';
  if (head === 'incoming' && sub === 'checkIntervalMinutes') return 'checkMinutes';
  if (head === 'smtp' && sub === 'host') return 'smtpHost';
  if (head === 'smtp' && sub === 'port') return 'smtpPort';
  if (head === 'smtp' && sub === 'user') return 'smtpUser';
  return null;
}

interface Candidate {
  name: string;
  incoming: { protocol: IncomingProtocol; host: string; user: string };
}

// zod's generic messages ("Too small: expected string to have >=1 characters") are for
// developers; people get a sentence about the field they are looking at.
function messageFor(field: SchemaField, candidate: Candidate, zodMessage: string): string {
  switch (field) {
    case 'name':
      return candidate.name ? 'Use at most 200 characters.' : 'Give the account a name, such as Work.';
    case 'email':
      return 'Enter an email address such as you@example.com.';
    case 'host':
      return candidate.incoming.host
        ? `The server name is not valid: ${zodMessage}.`
        : `Enter the ${candidate.incoming.protocol === 'imap' ? 'IMAP' : 'POP3'} server, such as ${candidate.incoming.protocol === 'imap' ? 'imap' : 'pop'}.example.com.`;
    case 'port':
    case 'smtpPort':
      return 'Enter a port number from 1 to 65535.';
    case 'user':
      return candidate.incoming.user ? 'Use at most 256 characters.' : 'Enter the user name for the server.';
    case 'retentionDays':
      return 'Enter a number of days from 1 to 3650.';
    case 'checkMinutes':
      return 'Enter a number of minutes from 1 to 1440.';
    case 'smtpHost':
      return `The server name is not valid: ${zodMessage}.`;
    case 'smtpUser':
      return 'Use at most 256 characters.';
    case 'certificate':
      return 'The certificate is too long (at most 20,000 characters).';
  }
}
