/**
 * The durable outbox: queues composed messages, holds each until its send time (the undo
 * delay, or "send later"), submits it, records the server's final reply, saves a copy in
 * Sent, and only then forgets it.
 *
 * Crash safety rests on the order of durable writes (outbox-spool.ts):
 * - queued → the message file and its record are on disk before `queue` returns, with the
 *   Message-ID and Date fixed inside the bytes, so a retry sends the same message;
 * - `sending` is recorded before a submission starts; finding it at start-up means the
 *   process died before the server's final reply, so it is sent again (the server did not
 *   take it, RFC 5321 §4.1.1.4: no reply to the final dot means no responsibility);
 * - `submitted` is recorded right after the final reply, before the Sent copy, so a crash
 *   after the server took the message never sends it twice.
 * The window between the server's 250 and that write is a few milliseconds of fsync; a crash
 * exactly there sends the message again, with the same Message-ID.
 */
import { randomBytes } from 'node:crypto';
import { domainToASCII } from 'node:url';
import type { Account } from '../../../src-shared/model';
import { composedMessageSchema, type ComposedOutgoing, type OutboxEntry, type OutgoingMessage, type RecipientOutcome } from '../../../src-shared/outgoing';
import type { ConnectionTimeouts } from '../imap/connection-options';
import { composeMessageStream } from '../mime/compose-message';
import type { RelayAddress, SecretStore } from '../ports';
import { SubmissionError, submitMessage, type SubmissionResult } from '../smtp/smtp-submit';
import { draftMessageId } from '../drafts/draft-sync';
import { withMailFolderSession } from './mail-folder-session';
import { newSpoolId, type OutboxSpool, type SpooledEntry } from './outbox-spool';
import { submissionTargetFor } from './submission-target';

export interface OutboxTiming {
  /** First wait after a retryable failure; doubles per attempt up to `retryMaxMs`. */
  retryInitialMs: number;
  retryMaxMs: number;
  /** Submissions under way at once, over all accounts. */
  concurrency: number;
  smtpTimeoutMs: number;
  imapTimeouts: ConnectionTimeouts;
}

export const DEFAULT_OUTBOX_TIMING: OutboxTiming = {
  retryInitialMs: 60_000,
  retryMaxMs: 60 * 60_000,
  concurrency: 4,
  smtpTimeoutMs: 120_000,
  imapTimeouts: { connectMs: 20_000, greetingMs: 15_000, socketMs: 5 * 60_000 },
};

export interface OutboxDeps {
  spool: OutboxSpool;
  secrets: SecretStore;
  /** The account's current settings, or null while it is not open (its mail waits). */
  accountOf(accountId: string): Account | null;
  relayAddress(): RelayAddress | null;
  publish(entries: OutboxEntry[]): void;
  timing: OutboxTiming;
  now?: () => number;
}

export class Outbox {
  private readonly entries = new Map<string, SpooledEntry>();
  private readonly working = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly now: () => number;

  private constructor(private readonly deps: OutboxDeps) {
    this.now = deps.now ?? Date.now;
  }

  static async open(deps: OutboxDeps): Promise<Outbox> {
    const outbox = new Outbox(deps);
    for (const entry of await deps.spool.open(outbox.now())) {
      // `sending` at start-up: the process ended before the server's final reply.
      outbox.entries.set(entry.id, entry.state === 'sending' ? { ...entry, state: 'waiting', nextAttemptAt: outbox.now() } : entry);
    }
    outbox.schedule();
    return outbox;
  }

  list(): OutboxEntry[] {
    return [...this.entries.values()].map(publicView).sort((a, b) => a.createdAt - b.createdAt);
  }

  createBlob(): Promise<string> {
    return this.deps.spool.createBlob();
  }

  appendBlob(blobId: string, offset: number, data: Buffer): Promise<number> {
    return this.deps.spool.appendBlob(blobId, offset, data);
  }

  /**
   * Fixes the Message-ID and Date, writes the finished message durably, and schedules it
   * for `sendAt`. Returns once the entry is on disk: only then may the UI say "queued".
   */
  async queue(accountId: string, composed: ComposedOutgoing, sendAt: number, draftId: string | null = null): Promise<{ id: string; messageId: string }> {
    const account = this.deps.accountOf(accountId);
    if (!account) throw new Error("Can't send: this account is not open.");
    const draft = composedMessageSchema.parse(composed);
    if (draft.to.length + draft.cc.length + draft.bcc.length === 0) throw new Error('Add at least one recipient.');
    for (const attachment of draft.attachments) {
      if (!(await this.deps.spool.blobExists(attachment.blobId))) throw new Error(`The attachment ${attachment.filename} is no longer staged; attach it again.`);
    }
    const now = this.now();
    const message: OutgoingMessage = { ...draft, messageId: newMessageId(draft.from.address), date: now };
    const { stream, envelope, needsSmtpUtf8 } = composeMessageStream(message, { open: (blobId) => this.deps.spool.openBlob(blobId) });
    const entry: SpooledEntry = {
      id: newSpoolId(),
      accountId,
      messageId: message.messageId,
      subject: message.subject,
      createdAt: now,
      sendAt,
      state: 'waiting',
      attempts: 0,
      nextAttemptAt: sendAt,
      error: null,
      recipients: envelope.to.map((address) => ({ address, outcome: 'pending', text: '' })),
      size: 0,
      envelopeFrom: envelope.from,
      needsSmtpUtf8,
      sentCopy: wantsSentCopy(account) ? 'pending' : 'skipped',
      draftId: account.incoming.protocol === 'imap' ? draftId : null,
    };
    entry.size = await this.deps.spool.add(entry, stream);
    // The bytes are in the message file now; the staged copies are no longer needed.
    for (const attachment of draft.attachments) await this.deps.spool.removeBlob(attachment.blobId);
    this.entries.set(entry.id, entry);
    this.changed();
    return { id: entry.id, messageId: message.messageId };
  }

  /** Takes a waiting or failed entry out of the outbox (undo send, or giving up on it). */
  async cancel(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) throw new Error('This message is no longer in the outbox.');
    // Work that is finishing (its last write under way) is let finish, so it cannot write
    // the record back after the removal.
    if (entry.state !== 'sending') await this.working.get(id);
    if (!this.entries.has(id)) throw new Error('This message is no longer in the outbox.');
    if (entry.state === 'sending' || entry.state === 'submitted') {
      throw new Error('Too late to cancel: the message is being sent or was sent.');
    }
    this.entries.delete(id);
    await this.deps.spool.remove(id);
    this.changed();
  }

  /** Try every waiting entry of the account now (it was just opened, or the user asked). */
  retryNow(accountId?: string): void {
    const now = this.now();
    for (const entry of this.entries.values()) {
      if ((accountId === undefined || entry.accountId === accountId) && entry.nextAttemptAt > now && entry.sendAt <= now && entry.state !== 'failed') {
        entry.nextAttemptAt = now;
      }
    }
    this.schedule();
  }

  /** Stops starting work and waits for the submissions under way. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await Promise.all(this.working.values());
  }

  private changed(): void {
    this.deps.publish(this.list());
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (this.closed) return;
    const now = this.now();
    let next = Infinity;
    for (const entry of this.entries.values()) {
      if (this.working.size >= this.deps.timing.concurrency) break;
      const account = this.deps.accountOf(entry.accountId);
      if (entry.state === 'failed' || this.working.has(entry.id) || !account) continue;
      if (entry.nextAttemptAt <= now) this.start(entry, account);
      else next = Math.min(next, entry.nextAttemptAt);
    }
    // setTimeout's limit is about 24.8 days; a later "send at" is looked at again then.
    if (next !== Infinity) this.timer = setTimeout(() => this.schedule(), Math.min(next - now, 2 ** 31 - 1));
  }

  private start(entry: SpooledEntry, account: Account): void {
    const work = this.work(entry, account)
      .catch((error: unknown) => {
        // A spool write failed (disk full, permissions): the entry stays as it is on disk.
        entry.error = `The outbox could not record this message's progress: ${messageOf(error)}`;
        entry.nextAttemptAt = this.now() + this.deps.timing.retryMaxMs;
      })
      .finally(() => {
        this.working.delete(entry.id);
        if (!this.closed) this.changed();
      });
    this.working.set(entry.id, work);
  }

  private async work(entry: SpooledEntry, account: Account): Promise<void> {
    if (entry.state !== 'submitted') {
      const outcome = await this.submit(entry, account);
      if (outcome !== 'submitted') return;
    }
    await this.saveSentCopy(entry, account);
  }

  private async submit(entry: SpooledEntry, account: Account): Promise<'submitted' | 'done' | 'later' | 'failed'> {
    const outstanding = entry.recipients.filter((r) => r.outcome === 'pending' || r.outcome === 'deferred');
    // Not written to disk: after a crash, `sending` and `waiting` both mean "send again".
    this.show(entry, { state: 'sending', attempts: entry.attempts + 1 });
    let result: SubmissionResult;
    try {
      const target = await submissionTargetFor(account, this.deps.secrets, this.deps.relayAddress());
      result = await submitMessage(
        { ...target, timeoutMs: this.deps.timing.smtpTimeoutMs },
        {
          envelope: { from: entry.envelopeFrom, to: outstanding.map((r) => r.address) },
          needsSmtpUtf8: entry.needsSmtpUtf8,
          size: entry.size,
          open: () => this.deps.spool.openMessage(entry.id),
        },
      );
    } catch (error) {
      const retryable = !(error instanceof SubmissionError) || error.retryable;
      await this.update(entry, retryable ? { state: 'waiting', error: messageOf(error), nextAttemptAt: this.retryAt(entry) } : { state: 'failed', error: messageOf(error) });
      return retryable ? 'later' : 'failed';
    }
    // The server's final reply: on disk before anything else happens.
    const recipients = entry.recipients.map((r) => outcomeFor(r, result));
    const accepted = recipients.some((r) => r.outcome === 'accepted');
    const deferred = recipients.some((r) => r.outcome === 'deferred');
    if (accepted && !deferred && entry.sentCopy !== 'pending' && entry.draftId === null && !recipients.some((r) => r.outcome === 'rejected')) {
      // Nothing left to do for it: removing the entry (durably) is the record that it went.
      this.entries.delete(entry.id);
      await this.deps.spool.remove(entry.id);
      return 'done';
    }
    if (accepted) {
      await this.update(entry, { state: 'submitted', recipients, error: null });
      return 'submitted';
    }
    if (deferred) {
      await this.update(entry, { state: 'waiting', recipients, error: 'The server asked to try again later.', nextAttemptAt: this.retryAt(entry) });
      return 'later';
    }
    await this.update(entry, { state: 'failed', recipients, error: 'Every recipient was refused.' });
    return 'failed';
  }

  /**
   * After the server took the message: its draft leaves the server's Drafts folder, then a
   * copy goes to Sent unless one with its Message-ID is already there. In that order, so
   * that retrying after a failure repeats only the harmless removal, never the copy.
   */
  private async saveSentCopy(entry: SpooledEntry, account: Account): Promise<void> {
    const { draftId } = entry;
    if (entry.sentCopy === 'pending' || draftId !== null) {
      try {
        const raw = entry.sentCopy === 'pending' ? await this.deps.spool.readMessage(entry.id) : null;
        await withMailFolderSession(account, this.deps.secrets, this.deps.timing.imapTimeouts, async (session) => {
          if (draftId !== null) {
            const drafts = await session.folderFor('drafts', 'Drafts');
            await session.deleteUids(drafts, await session.findByMessageId(drafts, draftMessageId(draftId)));
          }
          if (raw) {
            // A cut after the server stored the copy but before 'saved' was written leaves the
            // copy there: it is found by its Message-ID (fixed at queue time) and not filed twice.
            const sent = await session.folderFor('sent', 'Sent');
            if ((await session.findByMessageId(sent, entry.messageId)).length === 0) await session.append(sent, raw, ['\\Seen']);
          }
        });
      } catch (error) {
        // Sent, but not yet filed: only this step is tried again, never the submission.
        await this.update(entry, { error: `Sent, but the copy for the Sent folder could not be saved yet: ${messageOf(error)}`, nextAttemptAt: this.retryAt(entry) });
        return;
      }
      await this.update(entry, { sentCopy: entry.sentCopy === 'pending' ? 'saved' : entry.sentCopy, draftId: null, error: null });
    }
    const rejected = entry.recipients.filter((r) => r.outcome === 'rejected');
    if (entry.recipients.some((r) => r.outcome === 'deferred')) {
      await this.update(entry, { state: 'waiting', nextAttemptAt: this.retryAt(entry), error: 'Some recipients are delayed; trying them again later.' });
    } else if (rejected.length > 0) {
      await this.update(entry, { state: 'failed', error: `Sent, but refused for ${rejected.map((r) => r.address).join(', ')}.` });
    } else {
      this.entries.delete(entry.id);
      await this.deps.spool.remove(entry.id);
    }
  }

  private async update(entry: SpooledEntry, change: Partial<SpooledEntry>): Promise<void> {
    Object.assign(entry, change);
    await this.deps.spool.save(entry);
    if (!this.closed) this.deps.publish(this.list());
  }

  /** A change the UI sees but the disk need not keep. */
  private show(entry: SpooledEntry, change: Partial<SpooledEntry>): void {
    Object.assign(entry, change);
    if (!this.closed) this.deps.publish(this.list());
  }

  private retryAt(entry: SpooledEntry): number {
    const { retryInitialMs, retryMaxMs } = this.deps.timing;
    return this.now() + Math.min(retryMaxMs, retryInitialMs * 2 ** Math.min(20, Math.max(0, entry.attempts - 1)));
  }
}

function outcomeFor(recipient: RecipientOutcome, result: SubmissionResult): RecipientOutcome {
  if (recipient.outcome === 'accepted' || recipient.outcome === 'rejected') return recipient;
  const same = (address: string) => address.toLowerCase() === recipient.address.toLowerCase();
  const rejected = result.rejected.find((r) => same(r.address));
  if (rejected) return { ...recipient, outcome: 'rejected', text: `${rejected.code} ${rejected.text}`.slice(0, 2000) };
  const deferred = result.deferred.find((r) => same(r.address));
  if (deferred) return { ...recipient, outcome: 'deferred', text: `${deferred.code} ${deferred.text}`.slice(0, 2000) };
  if (result.accepted.some(same)) return { ...recipient, outcome: 'accepted', text: '' };
  return recipient;
}

/** POP3 accounts have no Sent folder on the server; some servers file submitted mail themselves. */
function wantsSentCopy(account: Account): boolean {
  return account.incoming.protocol === 'imap' && account.serverSavesSent !== true;
}

/** `<random@sender's domain>` (RFC 5322 §3.6.4): unique without revealing this machine's name. */
function newMessageId(from: string): string {
  const domain = domainToASCII(from.slice(from.lastIndexOf('@') + 1)) || 'tern.invalid';
  return `<${randomBytes(16).toString('hex')}@${domain}>`;
}

function publicView(entry: SpooledEntry): OutboxEntry {
  const { envelopeFrom: _from, needsSmtpUtf8: _utf8, sentCopy: _copy, ...visible } = entry;
  return visible;
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000);
}
