import { describe, expect, it } from 'vitest';
import type { Envelope } from './envelope';
import { DEFAULT_RETRY_SCHEDULE } from './options';
import { applyResult, wantsDelayNotice, wantsFailureNotice } from './retry';

const MINUTE = 60_000;
const policy = { retrySchedule: DEFAULT_RETRY_SCHEDULE, maxQueueAge: 5 * 24 * 60 * MINUTE, warnAfter: 4 * 60 * MINUTE };

function envelope(from = 'a@sender.test'): Envelope {
  return { id: 'x', from, queuedAt: 0, warned: false, recipients: [{ address: 'b@example.test', state: 'pending', attempts: 0, nextAttemptAt: 0 }] };
}

describe('retry schedule', () => {
  it('waits 1, 5, 15, 30 minutes and then hourly after temporary failures', () => {
    const e = envelope();
    const r = e.recipients[0]!;
    const waits: number[] = [];
    let now = 0;
    for (let i = 0; i < 7; i++) {
      applyResult(e, r, { kind: 'temporary', reason: '451 later' }, now, policy);
      waits.push((r.nextAttemptAt - now) / MINUTE);
      now = r.nextAttemptAt;
    }
    expect(waits).toEqual([1, 5, 15, 30, 60, 60, 60]);
    expect(r).toMatchObject({ state: 'pending', attempts: 7, lastError: '451 later', status: '4.0.0' });
  });

  it('gives up once the next attempt would pass the maximum age (RFC 5321 §4.5.4.1)', () => {
    const e = envelope();
    const r = e.recipients[0]!;
    r.attempts = 5;
    // The next wait would be an hour, which ends past the maximum age.
    applyResult(e, r, { kind: 'temporary', reason: '451 later' }, policy.maxQueueAge - 30 * MINUTE, policy);
    expect(r).toMatchObject({ state: 'failed', status: '4.4.7' });
    expect(r.lastError).toMatch(/^Gave up after 6 attempts: 451 later/);
  });

  it('fails at once on a permanent error and clears the error on delivery', () => {
    const e = envelope();
    const r = e.recipients[0]!;
    applyResult(e, r, { kind: 'temporary', reason: '451 later' }, 0, policy);
    applyResult(e, r, { kind: 'delivered', remoteMta: 'mx' }, MINUTE, policy);
    expect(r).toMatchObject({ state: 'delivered', attempts: 2 });
    expect(r.lastError).toBeUndefined();
    const f = envelope();
    applyResult(f, f.recipients[0]!, { kind: 'permanent', reason: '550 no', status: '5.1.1' }, 0, policy);
    expect(f.recipients[0]).toMatchObject({ state: 'failed', status: '5.1.1' });
  });

  it('never owes a DSN to the null sender, honours NOTIFY, and warns only after the delay', () => {
    const bounce = envelope('');
    bounce.recipients[0]!.state = 'failed';
    expect(wantsFailureNotice(bounce, bounce.recipients[0]!)).toBe(false);
    const never = envelope();
    never.recipients[0] = { ...never.recipients[0]!, state: 'failed', notify: ['NEVER'] };
    expect(wantsFailureNotice(never, never.recipients[0])).toBe(false);
    const slow = envelope();
    slow.recipients[0]!.attempts = 3;
    expect(wantsDelayNotice(slow, slow.recipients[0]!, policy.warnAfter - 1, policy)).toBe(false);
    expect(wantsDelayNotice(slow, slow.recipients[0]!, policy.warnAfter, policy)).toBe(true);
    slow.warned = true;
    expect(wantsDelayNotice(slow, slow.recipients[0]!, policy.warnAfter, policy)).toBe(false);
  });
});
