import { describe, expect, it } from 'vitest';
import type { MessageHeader } from '../../../src-shared/model';
import { referencesFor, replyFields, replyRecipients, replySubject } from './reply';

const header: MessageHeader = {
  accountId: 'a', folderPath: 'INBOX', uid: 7, messageId: '<m3@example.org>', subject: 'AW: Re: RE: Fwd: Plan',
  from: [{ name: 'Bob', address: 'bob@example.org' }],
  to: [{ name: 'Me', address: 'Me@Example.org' }, { name: 'Carol', address: 'carol@example.org' }],
  cc: [{ name: '', address: 'dave@example.org' }, { name: 'Bob again', address: 'BOB@example.org' }],
  date: Date.UTC(2026, 10, 20, 9, 30), internalDate: 0, size: 1, flags: [], unread: 0,
  inReplyTo: '<m2@example.org>', references: ['<m1@example.org>', '<m2@example.org>'],
};

describe('replies and forwards', () => {
  it('puts exactly one Re: or Fwd: in front', () => {
    expect(replySubject(header.subject, 'reply')).toBe('Re: Plan');
    expect(replySubject('Re[2]: Sv: Plan', 'forward')).toBe('Fwd: Plan');
    expect(replySubject('Plan', 'reply')).toBe('Re: Plan');
  });

  it('threads with In-Reply-To and References', () => {
    expect(referencesFor(header)).toEqual(['<m1@example.org>', '<m2@example.org>', '<m3@example.org>']);
    const reply = replyFields(header, 'Hi\n> older', 'reply', ['me@example.org']);
    expect(reply.inReplyTo).toBe('<m3@example.org>');
    expect(reply.text).toMatch(/wrote:\n> Hi\n>> older\n$/);
    expect(reply.html).toContain('<blockquote><p>Hi<br>&#62; older</p></blockquote>');
  });

  it('replies to all without the user and without repeats', () => {
    expect(replyRecipients(header, 'reply', ['me@example.org'])).toEqual({ to: [{ name: 'Bob', address: 'bob@example.org' }], cc: [] });
    const all = replyRecipients(header, 'replyAll', ['me@example.org']);
    expect(all.to.map((a) => a.address)).toEqual(['bob@example.org']);
    expect(all.cc.map((a) => a.address)).toEqual(['carol@example.org', 'dave@example.org']);
  });

  it('forwards inline with the original headers and no threading', () => {
    const forward = replyFields(header, 'Body', 'forward', ['me@example.org']);
    expect(forward.to).toBe('');
    expect(forward.inReplyTo).toBeNull();
    expect(forward.text).toContain('---------- Forwarded message ----------\nFrom: Bob <bob@example.org>');
    expect(forward.text).toContain('\n\nBody\n');
  });
});
