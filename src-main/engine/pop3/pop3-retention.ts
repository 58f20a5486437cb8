/**
 * Which downloaded messages the server should now delete, by the account's retention
 * (issue 7). Only messages the cache holds in full qualify: a message fetched with TOP is
 * not yet ours, so its server copy is the only whole copy, unless the user deleted it here.
 */
import type { Pop3Options } from '../../../src-shared/model';
import type { Pop3Record } from '../../../src-shared/store-port';

const DAY_MS = 24 * 60 * 60 * 1000;

export function uidlsToDelete(records: readonly Pop3Record[], options: Pop3Options, now: number): string[] {
  const due = (record: Pop3Record): boolean => {
    switch (options.retention) {
      case 'keep':
        return false;
      case 'delete-after-download':
        return true;
      case 'delete-after-days':
        return now - record.downloadedAt >= options.retentionDays * DAY_MS;
      case 'delete-when-deleted-locally':
        return record.deletedLocally;
    }
  };
  // A message deleted here needs no full copy first; any other needs one.
  return records.filter((record) => (record.deletedLocally || !record.partial) && due(record)).map((record) => record.uidl);
}
