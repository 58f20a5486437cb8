/**
 * The preview lines of the messages on screen: read for the rows in view only (a bulk read
 * of a few dozen keys), and again when bodies arrive, so a list of 100,000 messages never
 * reads 100,000 previews.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { readSnippets } from '../../cache/snippet-store';
import type { TernDexie } from '../../cache/db';
import { refKey, type MessageRef } from '../shared/refs';

const none: ReadonlyMap<string, string> = new Map();

/** Preview lines by refKey of the given messages. */
export function useSnippets(db: TernDexie, refs: readonly MessageRef[]): ReadonlyMap<string, string> {
  const keys = refs.map(refKey);
  const signature = keys.join('\n');
  return (
    useLiveQuery(async () => {
      const found = await readSnippets(db, refs);
      return new Map(found.flatMap((text, i) => (text === undefined ? [] : [[keys[i]!, text] as const])));
      // The refs are compared by value (signature).
    }, [db, signature]) ?? none
  );
}
