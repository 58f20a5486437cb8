/**
 * The contract's account-setup commands: `account.discover` (progress reported to the
 * window that asked, and only to it) and `account.verify`. Hosts add these to their
 * handler table; the discovery configuration comes from the host (tests and split-DNS
 * setups point it elsewhere).
 */
import type { DiscoverProgress } from '../../../src-shared/account-setup';
import type { CommandHandlers } from '../../../src-shared/contract';
import { verifyAccount } from '../verify/verify-account';
import { discoverServers } from './discover';
import type { DiscoveryConfig } from './discovery-config';

export type AccountSetupHandlers = Pick<CommandHandlers, 'account.discover' | 'account.verify'>;

export function accountSetupHandlers(config: DiscoveryConfig, publishProgress: (progress: DiscoverProgress) => void): AccountSetupHandlers {
  return {
    'account.discover': ({ requestId, email, allowPlaintext }) =>
      discoverServers(email, config, { allowPlaintext, onProgress: (progress) => publishProgress({ requestId, ...progress }) }),
    'account.verify': (args) => verifyAccount(args, { lookup: config.lookup, timeoutMs: config.requestTimeoutMs * 2 }),
  };
}
