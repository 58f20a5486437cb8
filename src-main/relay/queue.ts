import type { promises as dns } from 'node:dns';
import { buildDsn } from './dsn';
import { deliverToHosts, type DeliveryContext, type Job } from './delivery';
import { domainOf, isComplete, type Envelope, type RecipientRecord } from './envelope';
import { resolveRoute } from './mx';
import type { RelayOptions } from './options';
import { applyResult, wantsDelayNotice, wantsFailureNotice, type AttemptResult } from './retry';
import { Spool } from './spool';
import { mxTargets, smarthostTarget } from './targets';

const SMARTHOST = '(smarthost)';

/**
 * The delivery scheduler. Envelopes live in memory as an index of the spool (disk is the
 * truth; `load` rebuilds the index after a restart). Due recipients are grouped by
 * destination (recipient domain, or the smarthost), taken in order of next attempt, and
 * handed to at most `maxConnections` jobs overall and `maxConnectionsPerDestination` per
 * destination; each job is one connection carrying up to `messagesPerConnection` messages.
 */
export class DeliveryQueue {
  private readonly envelopes = new Map<string, Envelope>();
  private readonly inFlight = new Set<string>();
  private readonly activePerDestination = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();
  /** Deleted while a delivery held them: their files go once that delivery has ended. */
  private readonly deleting = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly options: RelayOptions,
    private readonly spool: Spool,
    private readonly resolver: dns.Resolver,
  ) {}

  async load(): Promise<void> {
    const loaded = await this.spool.loadAll((file, error) => this.options.log(`skipping unreadable envelope ${file}: ${String(error)}`));
    loaded.sort((a, b) => a.queuedAt - b.queuedAt);
    for (const envelope of loaded) this.envelopes.set(envelope.id, envelope);
    // A crash between the last attempt and the clean-up leaves finished envelopes behind.
    for (const envelope of loaded) await this.finish(envelope);
    this.options.log(`queue loaded: ${this.envelopes.size} message(s)`);
  }

  add(envelope: Envelope): void {
    this.envelopes.set(envelope.id, envelope);
    this.options.log(`queued ${envelope.id} from <${envelope.from}> to ${envelope.recipients.length} recipient(s)`);
    this.options.onQueueChange();
    this.pump();
  }

  /**
   * Removes a message from the queue without delivering the rest or bouncing it (postsuper -d).
   * No new attempt starts for it at once; an attempt already under way is awaited first, so
   * its result can neither rewrite the deleted envelope nor send a DSN. Resolves false for an
   * id not in the queue.
   */
  async delete(id: string): Promise<boolean> {
    if (!this.envelopes.delete(id)) return false;
    this.deleting.add(id);
    try {
      while (this.running.size > 0 && [...this.inFlight].some((key) => key.startsWith(`${id}|`))) await Promise.race(this.running);
      await this.spool.remove(id);
    } finally {
      this.deleting.delete(id);
    }
    this.options.log(`${id} deleted`);
    this.options.onQueueChange();
    return true;
  }

  list(): Envelope[] {
    return [...this.envelopes.values()];
  }

  /** Starts every job that is due and allowed now, and arms a timer for the next one. */
  pump(): void {
    if (this.stopped) return;
    const now = this.options.clock.now();
    const byDestination = this.dueWork(now);
    // Each list is sorted, so its first job is its destination's earliest.
    const destinations = [...byDestination.entries()].sort((a, b) => (a[1][0]?.due ?? 0) - (b[1][0]?.due ?? 0));
    for (const [destination, jobs] of destinations) {
      while (jobs.length > 0 && this.running.size < this.options.maxConnections && (this.activePerDestination.get(destination) ?? 0) < this.options.maxConnectionsPerDestination) {
        this.start(destination, jobs.splice(0, this.options.messagesPerConnection));
      }
    }
    this.arm(now);
  }

  /** Makes every pending recipient due now, like `postqueue -f`, and starts delivering. */
  async flush(): Promise<void> {
    const now = this.options.clock.now();
    for (const envelope of this.envelopes.values()) {
      if (!envelope.recipients.some((r) => r.state === 'pending' && r.nextAttemptAt > now)) continue;
      for (const r of envelope.recipients) if (r.state === 'pending') r.nextAttemptAt = Math.min(r.nextAttemptAt, now);
      await this.spool.saveEnvelope(envelope);
    }
    this.options.onQueueChange();
    this.pump();
  }

  /** Runs until nothing is due and no job is running (tests advance the clock, then drain). */
  async drain(): Promise<void> {
    this.pump();
    while (this.running.size > 0) {
      await Promise.race(this.running);
      this.pump();
    }
  }

  /** Lets running jobs finish (their results are saved) and starts no more. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.running]);
  }

  /**
   * Every due job, by destination, each list in order of its earliest due recipient. Runs on
   * every pump (each arrival and each finished delivery), so it stays linear in the queue
   * plus one sort: a queue of thousands is walked hundreds of times a second under load.
   */
  private dueWork(now: number): Map<string, DueJob[]> {
    const byDestination = new Map<string, DueJob[]>();
    for (const envelope of this.envelopes.values()) {
      const groups = new Map<string, DueJob>();
      for (const r of envelope.recipients) {
        if (r.state !== 'pending' || r.nextAttemptAt > now) continue;
        const destination = this.options.smarthost ? SMARTHOST : domainOf(r.address);
        if (this.inFlight.has(`${envelope.id}|${destination}`)) continue;
        const group = groups.get(destination);
        if (group) {
          group.recipients.push(r);
          group.due = Math.min(group.due, r.nextAttemptAt);
        } else groups.set(destination, { envelope, recipients: [r], due: r.nextAttemptAt });
      }
      for (const [destination, job] of groups) {
        const jobs = byDestination.get(destination);
        if (jobs) jobs.push(job);
        else byDestination.set(destination, [job]);
      }
    }
    for (const jobs of byDestination.values()) jobs.sort((a, b) => a.due - b.due);
    return byDestination;
  }

  private start(destination: string, jobs: Job[]): void {
    const keys = jobs.map((j) => `${j.envelope.id}|${destination}`);
    for (const key of keys) this.inFlight.add(key);
    this.activePerDestination.set(destination, (this.activePerDestination.get(destination) ?? 0) + 1);
    const run = this.deliver(destination, jobs, keys)
      .catch((error: unknown) => this.options.log(`delivery to ${destination} failed unexpectedly: ${String(error)}`))
      .finally(() => {
        for (const key of keys) this.inFlight.delete(key);
        this.activePerDestination.set(destination, (this.activePerDestination.get(destination) ?? 1) - 1);
        this.running.delete(run);
        this.pump();
      });
    this.running.add(run);
  }

  private async deliver(destination: string, jobs: Job[], keys: string[]): Promise<void> {
    const ctx: DeliveryContext = {
      // Size first: it fails cleanly for a missing file, where a read stream would error later.
      openMessage: async (id) => {
        const size = await this.spool.messageSize(id);
        return { stream: this.spool.messageStream(id), size };
      },
      // Each message is finished as soon as its result is saved, not at the end of the batch.
      report: async (job, results) => {
        await this.record(job.envelope, results);
        await this.finish(job.envelope);
      },
      more: (limit) => this.claimMore(destination, keys, limit),
      stopping: () => this.stopped,
      log: this.options.log,
    };
    const smarthost = smarthostTarget(this.options);
    if (smarthost) {
      await deliverToHosts([smarthost], jobs, ctx, this.options.messagesPerConnection);
      return;
    }
    const route = await resolveRoute(this.resolver, destination);
    if (route.kind === 'hosts') {
      await deliverToHosts(mxTargets(route.hosts, this.options), jobs, ctx, this.options.messagesPerConnection);
      return;
    }
    const result: AttemptResult = { kind: route.permanent ? 'permanent' : 'temporary', reason: route.reason, status: route.permanent ? '5.1.2' : '4.4.3' };
    for (const job of jobs) await ctx.report(job, job.recipients.map((r) => [r, result]));
  }

  /** Due jobs for a destination that already has a connection open; marks them in flight. */
  private claimMore(destination: string, keys: string[], limit: number): Job[] {
    if (this.stopped) return [];
    const jobs = (this.dueWork(this.options.clock.now()).get(destination) ?? []).slice(0, limit);
    for (const job of jobs) {
      const key = `${job.envelope.id}|${destination}`;
      this.inFlight.add(key);
      keys.push(key);
    }
    return jobs;
  }

  private async record(envelope: Envelope, results: Array<[RecipientRecord, AttemptResult]>): Promise<void> {
    if (this.deleting.has(envelope.id)) return;
    const now = this.options.clock.now();
    for (const [recipient, result] of results) {
      applyResult(envelope, recipient, result, now, this.options);
      const detail = result.kind === 'delivered' ? `via ${result.remoteMta ?? '?'}` : (recipient.lastError ?? '');
      const state = recipient.state === 'pending' ? `deferred until ${new Date(recipient.nextAttemptAt).toISOString()}` : recipient.state;
      this.options.log(`${envelope.id} <${recipient.address}> ${state}: ${detail}`);
    }
    // Saved right after each message's reply, so a crash after a remote 250 repeats at most
    // that message. A finished message needs no save: `finish` removes its files instead.
    if (!isComplete(envelope)) await this.spool.saveEnvelope(envelope);
    this.options.onQueueChange();
  }

  /** Sends any DSN now owed, then removes the message once every recipient is settled. */
  private async finish(envelope: Envelope): Promise<void> {
    if (this.deleting.has(envelope.id)) return;
    const now = this.options.clock.now();
    const failed = envelope.recipients.filter((r) => wantsFailureNotice(envelope, r) && !r.reported);
    for (const r of failed) r.reported = true;
    const delayed = envelope.recipients.filter((r) => wantsDelayNotice(envelope, r, now, this.options));
    if (delayed.length > 0) envelope.warned = true;
    if (failed.length > 0) await this.notify(envelope, failed, 'failed');
    if (delayed.length > 0) await this.notify(envelope, delayed, 'delayed');
    if (failed.length > 0 || delayed.length > 0) await this.spool.saveEnvelope(envelope);
    if (isComplete(envelope) && this.envelopes.get(envelope.id) === envelope) {
      this.envelopes.delete(envelope.id);
      await this.spool.remove(envelope.id);
      this.options.log(`${envelope.id} done`);
      this.options.onQueueChange();
    }
  }

  private async notify(envelope: Envelope, recipients: RecipientRecord[], action: 'failed' | 'delayed'): Promise<void> {
    const now = this.options.clock.now();
    const dsn = buildDsn({
      envelope,
      recipients,
      action,
      // A damaged entry still gets its report, just without the original attached.
      original: await this.spool.readMessage(envelope.id).catch(() => Buffer.alloc(0)),
      reportingMta: this.options.hostname,
      now: new Date(now),
      ...(action === 'delayed' ? { retryUntil: new Date(envelope.queuedAt + this.options.maxQueueAge) } : {}),
    });
    const id = Spool.newId(now);
    // From the null sender, so a DSN that fails is dropped instead of bouncing back (RFC 3464 §2).
    const bounce: Envelope = {
      id,
      from: '',
      recipients: [{ address: envelope.from, state: 'pending', attempts: 0, nextAttemptAt: now }],
      queuedAt: now,
      warned: false,
    };
    await this.spool.enqueue(dsn, bounce);
    this.options.log(`${envelope.id} ${action === 'failed' ? 'bounce' : 'delay notice'} ${id} queued for <${envelope.from}>`);
    this.add(bounce);
  }

  private arm(now: number): void {
    if (this.timer) clearTimeout(this.timer);
    let next = Infinity;
    for (const envelope of this.envelopes.values()) {
      for (const r of envelope.recipients) if (r.state === 'pending' && r.nextAttemptAt > now) next = Math.min(next, r.nextAttemptAt);
    }
    if (next === Infinity) return;
    // Capped so a clock change (or a test's fake clock) is noticed within a minute.
    this.timer = setTimeout(() => this.pump(), Math.min(next - now, 60_000));
    this.timer.unref();
  }
}

/** A job with the earliest due time of its recipients, the key the queue orders by. */
interface DueJob extends Job {
  due: number;
}
