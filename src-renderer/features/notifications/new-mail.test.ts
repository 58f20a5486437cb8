import { describe, expect, it } from 'vitest';
import { createNewMailDetector, notificationText } from './new-mail';

const m = (accountId: string, uid: number, unread: 0 | 1 = 1, folderPath = 'INBOX') => ({ accountId, folderPath, uid, unread });

describe('new mail', () => {
  it('reports unread Inbox mail above the highest known UID, once', () => {
    const detector = createNewMailDetector();
    detector.know('a1', 10);
    expect(detector.observe([m('a1', 9), m('a1', 11), m('a1', 12, 0), m('a1', 13, 1, 'Work')])).toEqual([m('a1', 11)]);
    // The same message written again (a flag change) is not news a second time.
    expect(detector.observe([m('a1', 11)])).toEqual([]);
    expect(detector.observe([m('a1', 14)])).toEqual([m('a1', 14)]);
  });

  it('treats an Inbox with nothing known (a first sync) as setting the mark only', () => {
    const detector = createNewMailDetector();
    expect(detector.observe([m('a2', 300), m('a2', 299)])).toEqual([]);
    expect(detector.observe([m('a2', 100)])).toEqual([]);
    expect(detector.observe([m('a2', 301)])).toEqual([m('a2', 301)]);
  });

  it('says who wrote one message, or how many arrived', () => {
    const from = [{ name: 'Carol', address: 'carol@example.org' }];
    expect(notificationText([{ from, subject: 'Lunch' }])).toEqual({ title: 'Carol', body: 'Lunch' });
    expect(notificationText([{ from, subject: 'A' }, { from: [], subject: '' }])).toEqual({ title: '2 new messages', body: 'A · (no subject)' });
  });
});
