/**
 * The engine: one supervisor per account, and the handlers of the contract's account and
 * message commands. Lifecycle commands (save, open, remove, close) run one at a time, so
 * two saves of the same account can never leave two supervisors behind.
 */
import type { Account } from '../../src-shared/model';
import { AccountSupervisor, DEFAULT_TIMING, type SupervisorTiming } from './accounts/account-supervisor';
import type { Engine, EngineDeps } from './ports';

export interface EngineOptions {
  /** Overrides for delays and batch sizes (tests use short backoff). */
  timing?: Partial<SupervisorTiming>;
}

export function createEngine(deps: EngineDeps, options: EngineOptions = {}): Engine {
  const timing: SupervisorTiming = { ...DEFAULT_TIMING, ...options.timing };
  const supervisors = new Map<string, AccountSupervisor>();
  let lifecycle: Promise<unknown> = Promise.resolve();
  let closed = false;
  let closing: Promise<void> | null = null;

  function serially<T>(step: () => Promise<T>): Promise<T> {
    const next = lifecycle.then(() => {
      if (closed) throw new Error('Tern is shutting down.');
      return step();
    });
    lifecycle = next.catch(() => undefined);
    return next;
  }

  async function stopSupervisor(accountId: string): Promise<void> {
    const supervisor = supervisors.get(accountId);
    supervisors.delete(accountId);
    await supervisor?.stop();
  }

  async function startSupervisor(account: Account): Promise<void> {
    await stopSupervisor(account.id);
    const supervisor = new AccountSupervisor(account, deps, timing);
    supervisors.set(account.id, supervisor);
    supervisor.start();
  }

  function supervisorOf(accountId: string, whatFails: string): AccountSupervisor {
    const supervisor = supervisors.get(accountId);
    if (!supervisor) throw new Error(`${whatFails}: this account is not open.`);
    return supervisor;
  }

  return {
    handlers: {
      'account.save': ({ account, password }) =>
        serially(async () => {
          if (password !== undefined) await deps.secrets.set(account.id, password);
          // Always a fresh start: the password may have changed even when the settings did not.
          await startSupervisor(account);
          return null;
        }),
      'account.open': ({ account }) =>
        serially(async () => {
          const running = supervisors.get(account.id);
          if (!running || !sameSettings(running.account, account)) await startSupervisor(account);
          else running.republishStatus();
          return null;
        }),
      'account.remove': ({ accountId }) =>
        serially(async () => {
          await stopSupervisor(accountId);
          await deps.secrets.delete(accountId);
          return null;
        }),
      'account.syncNow': async ({ accountId }) => {
        await supervisorOf(accountId, "Can't sync").syncNow();
        return null;
      },
      'message.loadBody': async ({ accountId, folderPath, uid }) => {
        await supervisorOf(accountId, "Can't download this message").loadBody(folderPath, uid);
        return null;
      },
    },
    close: () =>
      (closing ??= serially(async () => {
        closed = true;
        await Promise.all([...supervisors.keys()].map(stopSupervisor));
      })),
  };
}

function sameSettings(a: Account, b: Account): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
