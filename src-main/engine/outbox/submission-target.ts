/**
 * Where an account's mail is submitted: its SMTP server, or the embedded relay when the
 * account says "send through the relay". The SMTP password is the one stored under the
 * account's SMTP key (`<accountId>:smtp`, for providers whose submission login differs)
 * and otherwise the incoming password, which is what most providers use for both.
 */
import type { Account } from '../../../src-shared/model';
import type { RelayAddress, SecretStore } from '../ports';
import { SubmissionError, type SubmissionTarget } from '../smtp/smtp-submit';

export const smtpSecretKey = (accountId: string): string => `${accountId}:smtp`;

export async function submissionTargetFor(
  account: Account,
  secrets: SecretStore,
  relay: RelayAddress | null,
): Promise<SubmissionTarget> {
  if (account.sendThroughRelay) {
    // Retryable: the relay may be starting, or the user may switch it on.
    if (!relay) throw new SubmissionError('The embedded relay is not running; the message waits until it is (turn it on in Settings).', true);
    // The relay listens on loopback and takes submissions from this machine without AUTH.
    return { server: { host: relay.host, port: relay.port, security: 'none', user: account.email }, password: null, trustedCertificates: [] };
  }
  if (!account.smtp) throw new SubmissionError(`${account.name} has no outgoing (SMTP) server; add one in the account settings.`, false);
  const password = (await secrets.get(smtpSecretKey(account.id))) ?? (await secrets.get(account.id));
  if (password === null) throw new SubmissionError(`No password is stored for ${account.name}'s outgoing server.`, false);
  return { server: account.smtp, password, trustedCertificates: account.trustedCertificates };
}
