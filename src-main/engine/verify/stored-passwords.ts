/**
 * Which passwords check a saved account's changed settings (`account.reverify`). The user
 * need not type a password again to change a port or a user name, but a password Tern holds
 * goes only to the host it was saved for: a changed host gets a password only when the user
 * types it for that host (issue #8: no password goes anywhere before the user confirms the
 * server, and a settings form must not become a way to send it elsewhere).
 */
import type { ReverifyArgs } from '../../../src-shared/account-setup';
import type { Account } from '../../../src-shared/model';
import { smtpSecretKey } from '../outbox/submission-target';
import type { SecretStore } from '../ports';

export interface CheckPasswords {
  password: string;
  smtpPassword?: string;
}

const sameHost = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

export async function passwordsForCheck(saved: Account | null, secrets: SecretStore, args: ReverifyArgs): Promise<CheckPasswords> {
  if (!saved) throw new Error('This account is not open any more; add it again.');
  const refuse = (server: string) =>
    new Error(`Enter the password for the new ${server} server: a saved password is sent only to the server it was saved for.`);

  let password = args.password;
  let incomingIsStored = false;
  if (password === undefined) {
    if (!sameHost(saved.incoming.host, args.incoming.host)) throw refuse('incoming');
    const stored = await secrets.get(saved.id);
    if (stored === null) throw new Error(`No password is stored for ${saved.name}; enter it.`);
    password = stored;
    incomingIsStored = true;
  }
  if (args.smtpPassword !== undefined || args.smtp === null) return { password, ...(args.smtpPassword !== undefined ? { smtpPassword: args.smtpPassword } : {}) };

  const smtpUnchanged = saved.smtp !== null && sameHost(saved.smtp.host, args.smtp.host);
  const storedSmtp = smtpUnchanged ? await secrets.get(smtpSecretKey(saved.id)) : null;
  if (storedSmtp !== null) return { password, smtpPassword: storedSmtp };
  // The SMTP login falls back to the incoming password: a stored one only for the same host.
  if (incomingIsStored && !smtpUnchanged) throw refuse('outgoing');
  return { password };
}
