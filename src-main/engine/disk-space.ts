/**
 * How much free space Tern leaves on the disk that holds its cache, and how it says so.
 * Chromium's IndexedDB (LevelDB) needs room to compact: with a profile on a disk that filled
 * up under it, Chromium was seen to delete the whole database, operation log and outbox
 * included (docs/sync.md). So the cache stops growing well before the disk is full:
 *  - the offline body download, which the server can always repeat, stops first;
 *  - below the second floor the host refuses every store call that adds to the cache
 *    (host/disk-guard.ts), headers too, while removals and the user's own actions go on.
 */
export const OFFLINE_DOWNLOAD_FLOOR_BYTES = 1e9;
export const CACHE_WRITE_FLOOR_BYTES = 250e6;

/** "200 MB", "1.0 GB": free space as the status line says it. */
export function diskSize(bytes: number): string {
  return bytes < 1e9 ? `${Math.floor(bytes / 1e6)} MB` : `${(bytes / 1e9).toFixed(1)} GB`;
}
