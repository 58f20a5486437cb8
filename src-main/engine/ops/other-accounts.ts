/**
 * Sessions with another account's server, for an operation of this account that ends there
 * (a move or copy between accounts, account-transfer.ts). When that server cannot be reached
 * now, or its account is not open, the operation waits in the queue (OtherAccountUnavailable)
 * instead of becoming a sync issue: like any queued change, it goes once both are online.
 */
import type { Account } from '../../../src-shared/model';
import type { ConnectionTimeouts } from '../imap/connection-options';
import { isReachabilityError } from '../net-errors';
import { withMailFolderSession, type MailFolderSession } from '../outbox/mail-folder-session';
import type { SecretStore } from '../ports';
import { reasonOf } from '../sync/account-sync';

export interface OtherAccounts {
  session<T>(accountId: string, use: (session: MailFolderSession) => Promise<T>): Promise<T>;
}

export class OtherAccountUnavailable extends Error {}

/** An answer the server gave (NO, BAD) is its refusal; anything else cut the session. */
function sessionCut(error: unknown): boolean {
  const { code, responseStatus } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; responseStatus?: unknown };
  if (responseStatus === 'NO' || responseStatus === 'BAD') return false;
  return (typeof code === 'string' && isReachabilityError(code)) || code === 'NoConnection' || code === 'ETIMEOUT';
}

export function otherAccounts(accountOf: (accountId: string) => Account | null, secrets: SecretStore, timeouts: ConnectionTimeouts): OtherAccounts {
  return {
    async session(accountId, use) {
      const account = accountOf(accountId);
      if (!account) throw new OtherAccountUnavailable('The account the messages go to is not open.');
      // Refused for good, not retried: a POP3 account has no server folders to receive mail.
      if (account.incoming.protocol !== 'imap') throw new Error(`${account.name} keeps its folders on this computer only; mail cannot be moved into them.`);
      let connected = false;
      try {
        return await withMailFolderSession(account, secrets, timeouts, (session) => {
          connected = true;
          return use(session);
        });
      } catch (error) {
        if (!connected || sessionCut(error)) throw new OtherAccountUnavailable(`${account.name} cannot be reached: ${reasonOf(error)}`, { cause: error });
        throw error;
      }
    },
  };
}

/** For callers with no other account to reach (tests of a single account). */
export const NO_OTHER_ACCOUNTS: OtherAccounts = {
  session: () => Promise.reject(new OtherAccountUnavailable('The account the messages go to is not open.')),
};
