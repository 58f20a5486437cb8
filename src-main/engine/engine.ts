/**
 * The engine: one supervisor per account, and the handlers of the contract's account and
 * message commands. Lifecycle commands (save, open, remove, close) run one at a time, so
 * two saves of the same account can never leave two supervisors behind.
 */
import type { Account } from '../../src-shared/model';
import { AccountSupervisor, DEFAULT_TIMING, type SupervisorTiming } from './accounts/account-supervisor';
import { parseAttachedMessage } from './mime/attached-message';
import { removeDraftFromServer, saveDraftOnServer, type DraftSyncDeps } from './drafts/draft-sync';
import { DEFAULT_OUTBOX_TIMING, Outbox, type OutboxTiming } from './outbox/outbox';
import { OutboxSpool } from './outbox/outbox-spool';
import { withMailFolderSession } from './outbox/mail-folder-session';
import { otherAccounts } from './ops/other-accounts';
import { smtpSecretKey } from './outbox/submission-target';
import type { Engine, EngineDeps } from './ports';
import { passwordsForCheck } from './verify/stored-passwords';
import { DEFAULT_POP3_TIMING, isPop3Account, Pop3Supervisor, type Pop3Timing } from './pop3/pop3-supervisor';

/** Forwarding as an attachment carries the original whole; beyond this it is refused (base64 must fit a WebSocket frame). */
const MAX_FORWARDED_BYTES = 25 * 1024 * 1024;

export interface EngineOptions {
  /** Overrides for delays and batch sizes (tests use short backoff). */
  timing?: Partial<SupervisorTiming>;
  outboxTiming?: Partial<OutboxTiming>;
  pop3Timing?: Partial<Pop3Timing>;
}

export function createEngine(deps: EngineDeps, options: EngineOptions = {}): Engine {
  const timing: SupervisorTiming = { ...DEFAULT_TIMING, ...options.timing };
  const pop3Timing: Pop3Timing = { ...DEFAULT_POP3_TIMING, ...options.pop3Timing };
  const supervisors = new Map<string, AccountSupervisor | Pop3Supervisor>();
  let lifecycle: Promise<unknown> = Promise.resolve();
  let closed = false;
  let closing: Promise<void> | null = null;
  const outboxSpool = new OutboxSpool(deps.outboxDir);
  const outboxReady = Outbox.open({
    spool: outboxSpool,
    secrets: deps.secrets,
    accountOf: (accountId) => supervisors.get(accountId)?.account ?? null,
    relayAddress: deps.relayAddress,
    publish: deps.publishOutbox,
    timing: { ...DEFAULT_OUTBOX_TIMING, ...options.outboxTiming },
  });
  // Each outbox command reports a failed opening itself; this only keeps it from being unhandled.
  outboxReady.catch(() => undefined);
  const withOutbox = async <T>(use: (outbox: Outbox) => T | Promise<T>): Promise<T> => use(await outboxReady);
  const others = otherAccounts((accountId) => supervisors.get(accountId)?.account ?? null, deps.secrets, timing.timeouts);
  const draftDeps: DraftSyncDeps = { spool: outboxSpool, secrets: deps.secrets, timeouts: { ...DEFAULT_OUTBOX_TIMING, ...options.outboxTiming }.imapTimeouts };

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
    // POP3 accounts own local folders fed by UIDL downloads (pop3/); IMAP ones mirror the server.
    const supervisor = isPop3Account(account) ? new Pop3Supervisor(account, deps, pop3Timing) : new AccountSupervisor(account, deps, timing, others);
    supervisors.set(account.id, supervisor);
    supervisor.start();
    // Mail queued for this account waited while it was closed, or offline.
    void outboxReady.then((outbox) => outbox.retryNow(account.id), () => undefined);
  }

  function supervisorOf(accountId: string, whatFails: string): AccountSupervisor | Pop3Supervisor {
    const supervisor = supervisors.get(accountId);
    if (!supervisor) throw new Error(`${whatFails}: this account is not open.`);
    return supervisor;
  }

  return {
    handlers: {
      'account.save': ({ account, password, smtpPassword }) =>
        serially(async () => {
          if (password !== undefined) await deps.secrets.set(account.id, password);
          if (smtpPassword !== undefined) await deps.secrets.set(smtpSecretKey(account.id), smtpPassword);
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
          await deps.secrets.delete(smtpSecretKey(accountId));
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
      'message.source': ({ accountId, folderPath, uid }) => supervisorOf(accountId, "Can't show the source").loadSource(folderPath, uid),
      'attachment.parseMessage': async ({ dataBase64 }) => {
        const message = await parseAttachedMessage(Buffer.from(dataBase64, 'base64'));
        return { ...message, attachments: message.attachments.map(({ content, ...part }) => ({ ...part, dataBase64: content.toString('base64') })) };
      },
      'search.server': ({ accountId, query, limit }) => {
        const supervisor = supervisorOf(accountId, "Can't search the server");
        if (!(supervisor instanceof AccountSupervisor)) throw new Error(`Can't search the server: ${supervisor.account.name} is a POP3 account, whose server cannot search.`);
        return supervisor.searchServer(query, limit);
      },
      'compose.blobCreate': () => withOutbox(async (outbox) => ({ blobId: await outbox.createBlob() })),
      'compose.blobAppend': ({ blobId, offset, dataBase64 }) =>
        withOutbox(async (outbox) => ({ size: await outbox.appendBlob(blobId, offset, Buffer.from(dataBase64, 'base64')) })),
      'outbox.queue': ({ accountId, message, sendAt, draftId }) => withOutbox((outbox) => outbox.queue(accountId, message, sendAt, draftId ?? null)),
      'outbox.list': () => withOutbox((outbox) => outbox.list()),
      'outbox.cancel': ({ id }) => withOutbox(async (outbox) => (await outbox.cancel(id), null)),
      'outbox.retryNow': () => withOutbox((outbox) => (outbox.retryNow(), null)),
      'draft.save': async ({ accountId, draftId, message }) => {
        const account = supervisorOf(accountId, "Can't save the draft on the server").account;
        // The spool's directories exist once the outbox has opened.
        await outboxReady;
        await saveDraftOnServer(draftDeps, account, draftId, message, Date.now());
        return null;
      },
      'compose.original': async ({ accountId, folderPath, uid }) => {
        const account = supervisorOf(accountId, "Can't forward this message").account;
        const raw = await withMailFolderSession(account, deps.secrets, draftDeps.timeouts, (session) => session.source(folderPath, uid, MAX_FORWARDED_BYTES));
        if (!raw) throw new Error(`This message is gone from the server, or larger than ${MAX_FORWARDED_BYTES / 1024 / 1024} MB to forward as an attachment.`);
        return { dataBase64: raw.toString('base64') };
      },
      'draft.remove': async ({ accountId, draftId }) => {
        await removeDraftFromServer(draftDeps, supervisorOf(accountId, "Can't remove the draft from the server").account, draftId);
        return null;
      },
      'ops.replayNow': async ({ accountId }) => {
        const supervisor = supervisorOf(accountId, "Can't send your change to the server");
        const { incoming } = supervisor.account;
        // The online access model acts on the server or not at all (RFC 1733); disconnected queues.
        if (incoming.protocol === 'imap' && incoming.accessModel === 'online' && !supervisor.online) {
          throw new Error(`Can't send your change to the server: ${supervisor.account.name} is offline.`);
        }
        await supervisor.replayNow();
        return null;
      },
    },
    cacheAttached() {
      // The window now holding the cache may have another cache than the engine last wrote to
      // (another browser, a reload after a pass failed because the window went away).
      for (const supervisor of supervisors.values()) if (supervisor instanceof AccountSupervisor) supervisor.cacheAttached();
    },
    passwordsForCheck: (args) => passwordsForCheck(supervisors.get(args.accountId)?.account ?? null, deps.secrets, args),
    close: () =>
      (closing ??= serially(async () => {
        closed = true;
        // The outbox first: a submission under way still needs its account's settings.
        await outboxReady.then((outbox) => outbox.close(), () => undefined);
        await Promise.all([...supervisors.keys()].map(stopSupervisor));
      })),
  };
}

function sameSettings(a: Account, b: Account): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
