import { describe, expect, it } from 'vitest';
import type { Folder, MessageHeader } from '../../../src-shared/model';
import { actionForKey } from './action-keys';
import { markReadDelay, isMarkReadWhen, MARK_READ_DELAY_MS, MARK_READ_SETTLE_MS } from './mark-read-on-open';
import { moveTargets, planAction, planBulk, planMarkRead, settledAction } from './message-operations';
import { destinationOf, destinationValue } from './move-destinations';

const folder = (path: string, specialUse: Folder['specialUse'] = null, selectable = true): Folder => ({
  accountId: 'a1', path, name: path.split('/').at(-1)!, delimiter: '/', parentPath: null, specialUse, subscribed: true, selectable,
});
const folders = [folder('INBOX', 'inbox'), folder('Archive', 'archive'), folder('Trash', 'trash'), folder('Lists', null, false), folder('Work')];
const header = (overrides: Partial<MessageHeader> = {}): MessageHeader => ({
  accountId: 'a1', folderPath: 'INBOX', uid: 7, messageId: '<m7@x>', subject: 's', from: [], to: [], cc: [],
  date: 0, internalDate: 0, size: 1, flags: [], unread: 1, inReplyTo: null, ...overrides,
});
const messages = [{ uid: 7, messageId: '<m7@x>' }];

describe('message actions as operations', () => {
  it('moves or copies to another account as one operation of the message’s own account, and within it as a plain move', () => {
    const personal = { accountId: 'a2', accountName: 'Personal', path: 'Receipts' };
    expect(planAction({ to: personal, keepOriginal: false }, { header: header(), folders, uidValidity: 3 })).toEqual({
      ok: true, done: 'Moved to Receipts in Personal', operation: { kind: 'to-account', folderPath: 'INBOX', uidValidity: 3, messages, targetAccountId: 'a2', target: 'Receipts', keepOriginal: false },
    });
    expect(planAction({ to: personal, keepOriginal: true }, { header: header(), folders, uidValidity: 3 })).toMatchObject({ done: 'Copied to Receipts in Personal', operation: { keepOriginal: true } });
    expect(planAction({ to: { accountId: 'a1', accountName: 'Work', path: 'Archive' }, keepOriginal: false }, { header: header(), folders, uidValidity: 3 })).toMatchObject({ operation: { kind: 'move', target: 'Archive' } });
  });

  it('reads back only a destination the dialog offered', () => {
    const groups = [{ accountId: 'a1', accountName: 'Work', paths: ['Archive'] }, { accountId: 'a2', accountName: 'Personal', paths: ['INBOX', 'Receipts'] }];
    expect(destinationOf(groups, destinationValue(groups[1]!, 'Receipts'))).toEqual({ accountId: 'a2', accountName: 'Personal', path: 'Receipts' });
    expect(destinationOf(groups, destinationValue(groups[1]!, 'Archive'))).toBeNull();
    expect(destinationOf(groups, destinationValue({ accountId: 'a3' }, 'INBOX'))).toBeNull();
    expect(destinationOf(groups, 'not json')).toBeNull();
  });

  it('marks read or unread and flags as absolutes opposite to what the message shows', () => {
    expect(planAction('toggle-read', { header: header(), folders, uidValidity: 3 })).toEqual({
      ok: true, done: 'Marked as read', operation: { kind: 'flag', folderPath: 'INBOX', uidValidity: 3, messages, flag: '\\Seen', value: true },
    });
    expect(planAction('toggle-read', { header: header({ unread: 0, flags: ['\\Seen'] }), folders, uidValidity: 3 })).toMatchObject({ operation: { value: false } });
    expect(planAction('toggle-flag', { header: header({ flags: ['\\Flagged'] }), folders, uidValidity: 3 })).toMatchObject({ done: 'Flag removed', operation: { flag: '\\Flagged', value: false } });
  });

  it('marks an opened message read only while it is unread, never unread again', () => {
    expect(planMarkRead({ header: header(), folders, uidValidity: 3 })).toMatchObject({ ok: true, operation: { flag: '\\Seen', value: true } });
    expect(planMarkRead({ header: header({ unread: 0, flags: ['\\Seen'] }), folders, uidValidity: 3 }).ok).toBe(false);
  });

  it('reads the mark-as-read preference, and refuses what it does not know', () => {
    expect(markReadDelay('at-once')).toBe(MARK_READ_SETTLE_MS);
    expect(MARK_READ_SETTLE_MS).toBeLessThan(MARK_READ_DELAY_MS);
    expect(markReadDelay('after-delay')).toBe(MARK_READ_DELAY_MS);
    expect(markReadDelay('never')).toBeNull();
    expect(['at-once', 'after-delay', 'never', 'soon', 3, null].map(isMarkReadWhen)).toEqual([true, true, true, false, false, false]);
  });

  it('archives to the \\Archive folder, and says so when there is none', () => {
    expect(planAction('archive', { header: header(), folders, uidValidity: 3 })).toMatchObject({ ok: true, operation: { kind: 'move', target: 'Archive' } });
    expect(planAction('archive', { header: header(), folders: [folder('INBOX', 'inbox')], uidValidity: 3 })).toEqual({ ok: false, reason: 'This account has no Archive folder.' });
    expect(planAction('archive', { header: header({ folderPath: 'Archive' }), folders, uidValidity: 3 }).ok).toBe(false);
  });

  it('deletes to Trash, and for good in Trash or without one', () => {
    expect(planAction('delete', { header: header(), folders, uidValidity: 3 })).toMatchObject({ operation: { kind: 'move', target: 'Trash' }, done: 'Moved to Trash' });
    expect(planAction('delete', { header: header({ folderPath: 'Trash' }), folders, uidValidity: 3 })).toMatchObject({ operation: { kind: 'expunge' }, done: 'Deleted for good' });
    expect(planAction('delete', { header: header(), folders: [folder('INBOX', 'inbox')], uidValidity: 3 })).toMatchObject({ operation: { kind: 'expunge' } });
  });

  it('moves only to another selectable folder', () => {
    expect(moveTargets(folders, 'INBOX').map((f) => f.path)).toEqual(['Archive', 'Trash', 'Work']);
    const to = (path: string) => ({ accountId: 'a1', accountName: 'Work', path });
    const context = { header: header(), folders, uidValidity: 3 };
    expect(planAction({ to: to('INBOX'), keepOriginal: false }, context).ok).toBe(false);
    expect(planAction({ to: to('Work'), keepOriginal: true }, context)).toEqual({ ok: true, done: 'Copied to Work', operation: { kind: 'copy', folderPath: 'INBOX', uidValidity: 3, messages, target: 'Work' } });
    expect(planAction({ to: to('INBOX'), keepOriginal: true }, context).ok).toBe(false);
  });

  it('acts on several messages of a folder as one operation, with one value for read and flag', () => {
    const three = [header({ uid: 1, messageId: '<m1@x>', unread: 0, flags: ['\\Seen', '\\Flagged'] }), header({ uid: 2, messageId: '<m2@x>' }), header({ uid: 3, messageId: null, flags: ['\\Flagged'] })];
    const context = { headers: three, folders, uidValidity: 3 };
    const refs = [{ uid: 1, messageId: '<m1@x>' }, { uid: 2, messageId: '<m2@x>' }, { uid: 3, messageId: null }];
    expect(planBulk('archive', context)).toEqual({ ok: true, done: 'Archived 3 messages to Archive', operation: { kind: 'move', folderPath: 'INBOX', uidValidity: 3, messages: refs, target: 'Archive' } });
    // One is unread: all become read. One is not flagged: all become flagged.
    expect(planBulk('toggle-read', context)).toMatchObject({ done: 'Marked 3 messages as read', operation: { flag: '\\Seen', value: true } });
    expect(planBulk('toggle-flag', context)).toMatchObject({ done: 'Flagged 3 messages', operation: { flag: '\\Flagged', value: true } });
    const allFlagged = three.map((h) => ({ ...h, flags: ['\\Seen', '\\Flagged'], unread: 0 as const }));
    expect(planBulk('toggle-flag', { ...context, headers: allFlagged })).toMatchObject({ done: 'Flag removed from 3 messages', operation: { value: false } });
    expect(planBulk('toggle-read', { ...context, headers: allFlagged })).toMatchObject({ done: 'Marked 3 messages as unread', operation: { value: false } });
    expect(planBulk('delete', context)).toMatchObject({ done: 'Moved 3 messages to Trash' });
    expect(planBulk({ to: { accountId: 'a2', accountName: 'Personal', path: 'Receipts' }, keepOriginal: false }, context)).toMatchObject({ done: 'Moved 3 messages to Receipts in Personal', operation: { kind: 'to-account' } });
    expect(planBulk('archive', { ...context, headers: [] }).ok).toBe(false);
    // Settled over a selection in two folders: a folder whose messages are all flagged
    // already gets the selection's value, not the opposite of its own.
    const action = settledAction('toggle-flag', [...three, ...allFlagged]);
    expect(action).toEqual({ flag: '\\Flagged', value: true });
    expect(planBulk(action, { ...context, headers: allFlagged })).toMatchObject({ done: 'Flagged 3 messages', operation: { value: true } });
  });

  it('reads the shortcut keys e, #, u and s and nothing else', () => {
    expect(['e', '#', 'u', 's', 'x', 'constructor'].map(actionForKey)).toEqual(['archive', 'delete', 'toggle-read', 'toggle-flag', null, null]);
  });
});
