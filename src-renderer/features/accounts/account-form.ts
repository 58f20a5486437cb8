/**
 * The "Add account" form as pure data: its defaults, the fields that follow others until
 * the user edits them (port follows security, user name follows the email address), and
 * validation against the shared `accountSchema`, so the form can never submit an account
 * the engine would refuse.
 */
import { accountSchema, type Account, type Security } from '../../../src-shared/model';

export interface AccountFormValues {
  name: string;
  email: string;
  host: string;
  port: string;
  portEdited: boolean;
  security: Security;
  user: string;
  userEdited: boolean;
  password: string;
  certificate: string;
}

export type AccountField = 'name' | 'email' | 'host' | 'port' | 'user' | 'password' | 'certificate';
export type AccountFormErrors = Partial<Record<AccountField, string>>;

/** In the order the form shows them, so the first invalid one can take the focus. */
export const accountFields: readonly AccountField[] = ['name', 'email', 'host', 'port', 'user', 'password', 'certificate'];

export const emptyAccountForm: AccountFormValues = {
  name: '',
  email: '',
  host: '',
  port: '993',
  portEdited: false,
  security: 'tls',
  user: '',
  userEdited: false,
  password: '',
  certificate: '',
};

/** IMAPS (RFC 8314) for TLS; the plain IMAP port for STARTTLS and plaintext. */
export function defaultImapPort(security: Security): number {
  return security === 'tls' ? 993 : 143;
}

export function withSecurity(values: AccountFormValues, security: Security): AccountFormValues {
  return { ...values, security, port: values.portEdited ? values.port : String(defaultImapPort(security)) };
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
  const candidate = {
    id,
    name: values.name.trim(),
    email: values.email.trim(),
    incoming: { protocol: 'imap' as const, host: values.host.trim(), port: Number(values.port), security: values.security, user: values.user.trim() },
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
  return null;
}

// zod's generic messages ("Too small: expected string to have >=1 characters") are for
// developers; people get a sentence about the field they are looking at.
function messageFor(field: SchemaField, candidate: { name: string; incoming: { host: string; user: string } }, zodMessage: string): string {
  switch (field) {
    case 'name':
      return candidate.name ? 'Use at most 200 characters.' : 'Give the account a name, such as Work.';
    case 'email':
      return 'Enter an email address such as you@example.com.';
    case 'host':
      return candidate.incoming.host ? `The server name is not valid: ${zodMessage}.` : 'Enter the IMAP server, such as imap.example.com.';
    case 'port':
      return 'Enter a port number from 1 to 65535.';
    case 'user':
      return candidate.incoming.user ? 'Use at most 256 characters.' : 'Enter the user name for the server.';
    case 'certificate':
      return 'The certificate is too long (at most 20,000 characters).';
  }
}
