/**
 * The contract's account-setup commands: `account.discover` (progress reported to the
 * window that asked, and only to it), `account.verify`, and `account.reverify` (a saved
 * account's changed settings, with the passwords the engine allows). Hosts add these to their
 * handler table; the discovery configuration comes from the host (tests and split-DNS
 * setups point it elsewhere).
 */
import type { DiscoverProgress, ReverifyArgs } from '../../../src-shared/account-setup';
import type { CommandHandlers } from '../../../src-shared/contract';
import type { CheckPasswords } from '../verify/stored-passwords';
import { verifyAccount } from '../verify/verify-account';
import { discoverServers } from './discover';
import type { DiscoveryConfig } from './discovery-config';

export type AccountSetupHandlers = Pick<CommandHandlers, 'account.discover' | 'account.verify' | 'account.reverify'>;

export function accountSetupHandlers(
  config: DiscoveryConfig,
  publishProgress: (progress: DiscoverProgress) => void,
  passwordsForCheck: (args: ReverifyArgs) => Promise<CheckPasswords>,
): AccountSetupHandlers {
  const network = { lookup: config.lookup, timeoutMs: config.requestTimeoutMs * 2 };
  return {
    'account.discover': ({ requestId, email, allowPlaintext }) =>
      discoverServers(email, config, { allowPlaintext, onProgress: (progress) => publishProgress({ requestId, ...progress }) }),
    'account.verify': (args) => verifyAccount(args, network),
    'account.reverify': async (args) => {
      const { incoming, smtp, trustedCertificates, allowPlaintext } = args;
      return verifyAccount({ incoming, smtp, trustedCertificates, allowPlaintext, ...(await passwordsForCheck(args)) }, network);
    },
  };
}
