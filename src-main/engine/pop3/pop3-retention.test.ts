import { describe, expect, it } from 'vitest';
import type { Pop3Options } from '../../../src-shared/model';
import type { Pop3Record } from '../../../src-shared/store-port';
import { uidlsToDelete } from './pop3-retention';

const DAY = 86_400_000;
const record = (uidl: string, downloadedAt: number, extra: Partial<Pop3Record> = {}): Pop3Record => ({
  accountId: 'a', uidl, folderPath: 'INBOX', uid: 1, downloadedAt, deletedLocally: false, partial: false, ...extra,
});
const options = (retention: Pop3Options['retention']): Pop3Options => ({ retention, retentionDays: 2, checkIntervalMinutes: 10, largeMessageBytes: 1024 });
const records = [record('old', 0), record('new', 1.5 * DAY), record('gone-here', 1.5 * DAY, { deletedLocally: true }), record('top-only', 0, { partial: true })];

describe('which server copies retention deletes', () => {
  it('keeps everything by default', () => {
    expect(uidlsToDelete(records, options('keep'), 2 * DAY)).toEqual([]);
  });
  it('deletes every whole download, never a header-only one', () => {
    expect(uidlsToDelete(records, options('delete-after-download'), 0)).toEqual(['old', 'new', 'gone-here']);
  });
  it('deletes after N days, counted from the download', () => {
    expect(uidlsToDelete(records, options('delete-after-days'), 2 * DAY)).toEqual(['old']);
    expect(uidlsToDelete(records, options('delete-after-days'), 3.5 * DAY)).toEqual(['old', 'new', 'gone-here']);
  });
  it('deletes what was deleted locally, even if only its header was fetched', () => {
    expect(uidlsToDelete([...records, record('top-gone', 0, { partial: true, deletedLocally: true })], options('delete-when-deleted-locally'), 0)).toEqual(['gone-here', 'top-gone']);
  });
});
