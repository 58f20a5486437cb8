// Search-box queries run as UID SEARCH on Dovecot: words in bodies the cache may not hold,
// fields, flags, dates and in:, across folders; and the same on a server that offers only
// IMAP4rev1 (no ESEARCH or other extensions).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../../../e2e/servers/dovecot';
import { parseSearchQuery } from '../../../src-shared/search-query';
import type { ImapConnection } from '../imap/imap-connection';
import { connectTestImap } from '../testing/engine-harness';
import { searchServer } from './server-search';

const TIMEOUT = 60_000;

describe.each([
  ['Dovecot', undefined],
  ['an IMAP4rev1-only server', 'IMAP4rev1 LITERAL+'],
])('server search on %s', (_name, imapCapability) => {
  let server: DovecotServer;
  let connection: ImapConnection;

  beforeAll(async () => {
    server = await startDovecot(imapCapability ? { imapCapability } : {});
    await server.seed('alice', 'INBOX', [
      { from: 'Carol <carol@example.org>', subject: 'Budget review', body: 'The spreadsheet is attached in spirit.', date: new Date('2026-03-02T10:00:00Z') },
      { from: 'Dave <dave@example.org>', subject: 'Lunch', body: 'Noon at the usual place? Bring the spreadsheet.', date: new Date('2026-05-10T10:00:00Z'), flags: ['\\Seen'] },
      { from: 'Carol <carol@example.org>', subject: 'Holiday', body: 'Back on Monday.', date: new Date('2026-06-01T10:00:00Z'), flags: ['\\Flagged'] },
    ]);
    await server.seed('alice', 'Archive', [{ from: 'Erin <erin@example.org>', subject: 'Old spreadsheet', body: 'From last year.', date: new Date('2025-01-05T10:00:00Z') }]);
    connection = await connectTestImap(server);
  }, TIMEOUT);

  afterAll(async () => {
    await connection?.logout();
    await server?.dispose();
  }, TIMEOUT);

  const subjectsFor = async (input: string) => {
    const { hits, problems } = await searchServer(connection, 'a1', parseSearchQuery(input), 200);
    expect(problems).toEqual([]);
    return hits.map((h) => `${h.folderPath}:${h.uid}`).sort();
  };

  it('finds words in bodies, in every folder', async () => {
    expect(await subjectsFor('spreadsheet')).toEqual(['Archive:1', 'INBOX:1', 'INBOX:2']);
    // Every word must occur: two searches, intersected.
    expect(await subjectsFor('spreadsheet noon')).toEqual(['INBOX:2']);
  }, TIMEOUT);

  it('narrows by field, flag, date and folder', async () => {
    expect(await subjectsFor('from:carol')).toEqual(['INBOX:1', 'INBOX:3']);
    expect(await subjectsFor('subject:lunch')).toEqual(['INBOX:2']);
    expect(await subjectsFor('is:unread spreadsheet')).toEqual(['Archive:1', 'INBOX:1']);
    expect(await subjectsFor('is:flagged')).toEqual(['INBOX:3']);
    expect(await subjectsFor('after:2026-04-01')).toEqual(['INBOX:2', 'INBOX:3']);
    expect(await subjectsFor('before:2026-01-01')).toEqual(['Archive:1']);
    expect(await subjectsFor('in:archive spreadsheet')).toEqual(['Archive:1']);
    expect(await subjectsFor('nothingmatchesthis')).toEqual([]);
  }, TIMEOUT);

  it('gives the newest hits when there are more than the limit, and says so', async () => {
    const result = await searchServer(connection, 'a1', parseSearchQuery('spreadsheet'), 2);
    expect(result.truncated).toBe(true);
    expect(result.hits).toHaveLength(2);
  }, TIMEOUT);
});
