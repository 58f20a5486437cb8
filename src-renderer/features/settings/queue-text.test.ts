import { describe, expect, it } from 'vitest';
import type { RelayQueuedMessage } from '../../../src-shared/relay-settings';
import { queueSummary, recipientText } from './queue-text';

const now = Date.UTC(2026, 10, 24, 7);
const message = (recipients: RelayQueuedMessage['recipients']): RelayQueuedMessage => ({ id: 'a-000000000000', from: 'a@x.test', queuedAt: now, size: 10, recipients });

describe('relay queue wording', () => {
  it('counts messages and deferred ones', () => {
    expect(queueSummary([])).toBe('The queue is empty.');
    const fresh = message([{ address: 'b@y.test', state: 'pending', attempts: 0, nextAttemptAt: now, lastError: null }]);
    const deferred = message([{ address: 'c@y.test', state: 'pending', attempts: 2, nextAttemptAt: now + 5 * 60_000, lastError: '421 busy' }]);
    expect(queueSummary([fresh])).toBe('1 message queued, 0 deferred');
    expect(queueSummary([fresh, deferred])).toBe('2 messages queued, 1 deferred');
  });

  it('says what happened to each recipient, with the reason', () => {
    expect(recipientText({ address: 'c@y.test', state: 'pending', attempts: 2, nextAttemptAt: now + 5 * 60_000, lastError: '421 busy' }, now)).toBe(
      'c@y.test: deferred after 2 attempts, next try in 5 min (421 busy)',
    );
    expect(recipientText({ address: 'c@y.test', state: 'pending', attempts: 1, nextAttemptAt: now - 1, lastError: null }, now)).toBe('c@y.test: deferred after 1 attempt, next try now');
    expect(recipientText({ address: 'd@y.test', state: 'failed', attempts: 1, nextAttemptAt: 0, lastError: '550 no such user' }, now)).toBe(
      'd@y.test: failed, the sender gets a report (550 no such user)',
    );
    expect(recipientText({ address: 'e@y.test', state: 'delivered', attempts: 1, nextAttemptAt: 0, lastError: null }, now)).toBe('e@y.test: delivered');
  });
});
