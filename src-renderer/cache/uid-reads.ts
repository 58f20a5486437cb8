/**
 * Reads records keyed [accountId, folderPath, uid]. IndexedDB's cost is per request: a bulk
 * get is one request per key, while the records of a run of UIDs come back from one range
 * read. The background download asks for runs (newest first, a hundred at a time), so keys of
 * one folder whose range holds few records besides them are read as a range, others one by one.
 */
import type { Table } from 'dexie';

type Key = [string, string, number];

/** A range is read when it spans at most this many UIDs per key asked for. */
const maxSpread = 2;

export async function getByKeys<T extends { uid: number }>(table: Table<T, Key>, keys: readonly Key[]): Promise<(T | undefined)[]> {
  const first = keys[0];
  if (first === undefined) return [];
  const [accountId, folderPath] = first;
  const uids = keys.map((key) => key[2]);
  const low = Math.min(...uids);
  const high = Math.max(...uids);
  const oneFolder = keys.every((key) => key[0] === accountId && key[1] === folderPath);
  if (!oneFolder || high - low + 1 > keys.length * maxSpread) return table.bulkGet([...keys]);
  const found = await table.where('[accountId+folderPath+uid]').between([accountId, folderPath, low], [accountId, folderPath, high], true, true).toArray();
  const byUid = new Map(found.map((record) => [record.uid, record]));
  return uids.map((uid) => byUid.get(uid));
}
