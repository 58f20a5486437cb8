/**
 * The cache's last line before a full disk (engine/disk-space.ts): while the disk that holds
 * it has less than CACHE_WRITE_FLOOR_BYTES free, the store calls that add to the cache (a
 * header delta with new messages, downloaded bodies, a POP3 download) are refused with an
 * error that says why, which the engine reports like any failed write ("Could not sync
 * INBOX (…)"). Everything else passes: reads, removals, flag changes, the folder list. The
 * user's own actions never come this way (the renderer writes them), and a POP3 message
 * refused here stays on the server, whose copy is deleted only once the cache has it.
 */
import type { StorePort } from '../../src-shared/store-port';
import { CACHE_WRITE_FLOOR_BYTES, diskSize } from '../engine/disk-space';

export function guardDiskSpace(port: StorePort, freeBytes: () => Promise<number | null>, floorBytes = CACHE_WRITE_FLOOR_BYTES): StorePort {
  async function roomToGrow(): Promise<void> {
    const free = await freeBytes();
    if (free !== null && free < floorBytes) {
      throw new Error(`only ${diskSize(free)} free on the disk that holds the cache; Tern stops storing new mail below ${diskSize(floorBytes)}`);
    }
  }
  return {
    ...port,
    async applyHeaderDelta(delta) {
      if (delta.upserts.length > 0) await roomToGrow();
      return port.applyHeaderDelta(delta);
    },
    async putBody(args) {
      await roomToGrow();
      return port.putBody(args);
    },
    async putBodies(args) {
      await roomToGrow();
      return port.putBodies(args);
    },
    async applyPop3Download(args) {
      await roomToGrow();
      return port.applyPop3Download(args);
    },
  };
}
