import type { Readable } from 'node:stream';
import type { Envelope, RecipientRecord } from './envelope';
import type { AttemptResult } from './retry';
import { describeError, OutboundConnection, responseCodeOf, type OutboundTarget } from './smtp-client';

/** One message and those of its recipients that go to this destination. */
export interface Job {
  envelope: Envelope;
  recipients: RecipientRecord[];
}

export interface DeliveryContext {
  openMessage(id: string): Promise<{ stream: Readable; size: number }>;
  /** Records one attempt's results for a message's recipients (saved together, once). */
  report(job: Job, results: Array<[RecipientRecord, AttemptResult]>): Promise<void>;
  /** More due jobs for the same destination, so an open connection is reused for them. */
  more(limit: number): Job[];
  /** True once the relay is stopping: no further message is started; unsent jobs stay queued as they were. */
  stopping(): boolean;
  log(line: string): void;
}

/**
 * Delivers jobs for one destination: hosts are tried in order (RFC 5321 §5.1: on a failed
 * connection or greeting, the next MX); on a host that answers, every job is sent over the
 * same connection, one transaction per message carrying all its recipients there. Jobs a
 * lost connection leaves unsent move on to the next host; what no host took is deferred.
 */
export async function deliverToHosts(targets: OutboundTarget[], jobs: Job[], ctx: DeliveryContext, perConnection: number): Promise<void> {
  const remaining = [...jobs];
  let lastFailure = 'no host to deliver to';
  let lastHost: string | undefined;
  for (const target of targets) {
    if (remaining.length === 0 || ctx.stopping()) break;
    let connection: OutboundConnection;
    try {
      connection = await OutboundConnection.open(target);
    } catch (error) {
      lastFailure = describeError(error);
      lastHost = target.name;
      ctx.log(`connect ${target.name}[${target.host}]:${target.port} failed: ${lastFailure}`);
      // Refused credentials: no other host would take them either; the message waits, with
      // the reason on record, for the user to fix the password.
      if (target.auth && (responseCodeOf(error) ?? 0) >= 500 && (responseCodeOf(error) ?? 0) !== 503) {
        return reportAll(remaining, { kind: 'temporary', reason: lastFailure, remoteMta: target.name }, ctx);
      }
      continue;
    }
    try {
      let sentHere = 0;
      while (connection.usable && sentHere < perConnection && !ctx.stopping()) {
        // Mail that became due meanwhile rides the open connection (the connection cache).
        if (remaining.length === 0) remaining.push(...ctx.more(perConnection - sentHere));
        const job = remaining[0];
        if (!job) break;
        sentHere += 1;
        const sent = await sendJob(connection, job, ctx);
        if (sent === 'connection-lost') {
          lastFailure = `connection to ${target.name} lost`;
          lastHost = target.name;
          break;
        }
        remaining.shift();
      }
    } finally {
      connection.close();
    }
  }
  // Stopping is not a failed attempt: what was not sent keeps its state and goes after the restart.
  if (ctx.stopping()) return;
  await reportAll(remaining, { kind: 'temporary', reason: lastFailure, ...(lastHost ? { remoteMta: lastHost } : {}) }, ctx);
}

async function sendJob(connection: OutboundConnection, job: Job, ctx: DeliveryContext): Promise<'done' | 'connection-lost'> {
  const { envelope } = job;
  let opened: { stream: Readable; size: number };
  try {
    opened = await ctx.openMessage(envelope.id);
  } catch (error) {
    // A damaged spool entry fails alone (and is reported), instead of being retried forever.
    await ctx.report(job, job.recipients.map((r) => [r, { kind: 'permanent', reason: `queued message unreadable: ${describeError(error)}`, status: '5.3.0' }]));
    return 'done';
  }
  const { stream, size } = opened;
  const addresses = job.recipients.map((r) => r.address);
  const outcome = await connection.send(envelope.from, addresses, stream, size, envelope.bodyType === '8bitmime');
  stream.destroy();
  const remoteMta = connection.target.name;
  if (!outcome.ok) {
    if (outcome.connectionLost) return 'connection-lost';
    await ctx.report(job, job.recipients.map((r) => [r, classify(outcome.code, outcome.reply, remoteMta)]));
    await connection.reset();
    return 'done';
  }
  const results = job.recipients.map((r): [RecipientRecord, AttemptResult] => {
    const refused = outcome.rejected.find((x) => x.address.toLowerCase() === r.address.toLowerCase());
    return [r, refused ? classify(refused.code, refused.reply, remoteMta) : { kind: 'delivered', remoteMta, reply: outcome.reply }];
  });
  await ctx.report(job, results);
  ctx.log(`sent ${envelope.id} to ${remoteMta}: ${outcome.accepted.length} accepted, ${outcome.rejected.length} refused (${oneLine(outcome.reply)})`);
  return 'done';
}

/** 5xx is permanent (RFC 5321 §4.2.1); anything else may succeed later. */
export function classify(code: number | undefined, reply: string, remoteMta: string): AttemptResult {
  const enhanced = /^\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})\b/.exec(reply)?.[1];
  const permanent = code !== undefined && code >= 500 && code < 600;
  const status = enhanced ?? (permanent ? '5.0.0' : '4.0.0');
  return { kind: permanent ? 'permanent' : 'temporary', reason: oneLine(reply), status, remoteMta };
}

async function reportAll(jobs: Job[], result: AttemptResult, ctx: DeliveryContext): Promise<void> {
  for (const job of jobs) await ctx.report(job, job.recipients.map((r) => [r, result]));
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
