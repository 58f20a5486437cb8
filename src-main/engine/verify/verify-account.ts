/**
 * Verifies an account's incoming and outgoing servers together, before it is saved
 * (`account.verify`). The SMTP login uses its own password when the user gave one (a
 * provider whose submission login differs), else the incoming one.
 */
import type { VerifyArgs, VerifyResult } from '../../../src-shared/account-setup';
import { verifyServer, type VerifyNetwork } from './verify-server';

export async function verifyAccount(args: VerifyArgs, network: VerifyNetwork): Promise<VerifyResult> {
  const common = { trustedCertificates: args.trustedCertificates, allowPlaintext: args.allowPlaintext };
  const { protocol, host, port, security, user } = args.incoming;
  const incoming = { host, port, security, user };
  const [incomingOutcome, smtpOutcome] = await Promise.all([
    verifyServer({ protocol, server: incoming, password: args.password, ...common }, network),
    args.smtp ? verifyServer({ protocol: 'smtp', server: args.smtp, password: args.smtpPassword ?? args.password, ...common }, network) : null,
  ]);
  return { incoming: incomingOutcome, smtp: smtpOutcome };
}
