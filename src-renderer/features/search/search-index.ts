/**
 * The local full-text index: an inverted index in memory from each word to the messages
 * it occurs in and in which fields. One posting is a small integer, document number × 16
 * plus a bit per field (from, to, subject, body), so a word's list is a packed array of
 * small integers (V8 keeps them unboxed) rather than objects; 100,000 messages cost about
 * as much memory as their words (docs/benchmarks.md).
 *
 * It follows the cache incrementally (index-feed.ts): a header is indexed once, a body
 * adds its words when it is cached, flag changes update the document's state, and a
 * removed message is dropped from every result (its postings stay until the next build,
 * as an inverted index's lists are expensive to edit).
 *
 * Ranking: each query word scores by the best field it occurs in (subject 4, sender 3,
 * recipients 2, body 1); ties go to the newest message. The word still being typed
 * matches as a prefix over a sorted word list.
 */
import { openWord, tokenize, type SearchQuery } from '../../../src-shared/search-query';
import type { MessageBody, MessageHeader } from '../../../src-shared/model';
import { refKey, type MessageRef } from '../shared/refs';

const field = { from: 1, to: 2, subject: 4, body: 8 } as const;
const fieldMask = 15;
const weights: Record<number, number> = { 1: 3, 2: 2, 4: 4, 8: 1 };
// Prefix expansion of the word being typed stops at this many words, most of them short.
const maxExpansion = 300;
// New words are scanned linearly until there are this many, then merged into the sorted list.
const unsortedLimit = 4096;

interface Doc {
  ref: MessageRef;
  date: number;
  unread: boolean;
  flagged: boolean;
  attach: boolean;
  /** Folder path in lower case, and its last segment, for in:folder. */
  folder: string;
  hasBody: boolean;
  removed: boolean;
}

export interface SearchHit {
  ref: MessageRef;
  score: number;
  date: number;
}

function bestWeight(bits: number): number {
  for (const bit of [4, 1, 2, 8]) if (bits & bit) return weights[bit]!;
  return 0;
}

export class SearchIndex {
  private readonly docs: Doc[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly postings = new Map<string, number[]>();
  private sortedWords: string[] = [];
  private unsortedWords: string[] = [];

  /** Messages currently searchable. */
  get size(): number {
    let count = 0;
    for (const doc of this.docs) if (!doc.removed) count += 1;
    return count;
  }

  /** Indexes a header, or updates the state (flags) of one indexed before. */
  addHeader(header: MessageHeader): void {
    const ref = { accountId: header.accountId, folderPath: header.folderPath, uid: header.uid };
    const key = refKey(ref);
    const state = {
      date: header.date,
      unread: header.unread === 1,
      flagged: header.flags.includes('\\Flagged'),
      attach: header.hasAttachments === 1,
    };
    const known = this.byKey.get(key);
    if (known !== undefined && !this.docs[known]!.removed) {
      Object.assign(this.docs[known]!, state);
      return;
    }
    const id = this.docs.length;
    this.docs.push({ ref, ...state, folder: header.folderPath.toLowerCase(), hasBody: false, removed: false });
    this.byKey.set(key, id);
    const words = new Map<string, number>();
    const add = (text: string, bit: number) => {
      for (const word of tokenize(text)) words.set(word, (words.get(word) ?? 0) | bit);
    };
    for (const a of header.from) add(`${a.name} ${a.address}`, field.from);
    for (const a of [...header.to, ...header.cc]) add(`${a.name} ${a.address}`, field.to);
    add(header.subject, field.subject);
    for (const [word, bits] of words) this.post(word, id * 16 + bits);
  }

  /** Adds a cached body's words to its message, once. */
  addBody(body: Pick<MessageBody, 'accountId' | 'folderPath' | 'uid' | 'text'>): void {
    const id = this.byKey.get(refKey({ accountId: body.accountId, folderPath: body.folderPath, uid: body.uid }));
    const doc = id === undefined ? undefined : this.docs[id];
    if (id === undefined || !doc || doc.removed || doc.hasBody) return;
    doc.hasBody = true;
    // Bodies can be long; the first 64 KiB of text carry what people search for.
    for (const word of new Set(tokenize(body.text.slice(0, 65_536)))) this.post(word, id * 16 + field.body);
  }

  remove(ref: MessageRef): void {
    const key = refKey(ref);
    const id = this.byKey.get(key);
    if (id === undefined) return;
    this.docs[id]!.removed = true;
    this.byKey.delete(key);
  }

  /** Drops every message for which `test` holds (a folder reset, a removed account). */
  removeWhere(test: (ref: MessageRef) => boolean): void {
    for (const doc of this.docs) if (!doc.removed && test(doc.ref)) this.remove(doc.ref);
  }

  private post(word: string, posting: number): void {
    const list = this.postings.get(word);
    if (list) list.push(posting);
    else {
      this.postings.set(word, [posting]);
      this.unsortedWords.push(word);
    }
  }

  /** Words starting with `prefix`, up to maxExpansion of them. */
  private expand(prefix: string): string[] {
    if (this.unsortedWords.length > unsortedLimit) {
      this.sortedWords = mergeSorted(this.sortedWords, this.unsortedWords.sort());
      this.unsortedWords = [];
    }
    const found: string[] = [];
    let lo = 0;
    let hi = this.sortedWords.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sortedWords[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.sortedWords.length && found.length < maxExpansion && this.sortedWords[i]!.startsWith(prefix); i++) found.push(this.sortedWords[i]!);
    for (const word of this.unsortedWords) if (found.length < maxExpansion && word.startsWith(prefix)) found.push(word);
    return found;
  }

  /**
   * The documents where any of `words` occurs in the `mask` fields: their field bits in a
   * byte per document (an array indexed by document, far cheaper than a map for the tens
   * of thousands of matches of a common word), and the matching documents in a list.
   */
  private matches(words: string[], mask: number): { bits: Uint8Array; ids: number[] } {
    const bits = new Uint8Array(this.docs.length);
    const ids: number[] = [];
    for (const word of words) {
      for (const posting of this.postings.get(word) ?? []) {
        const found = posting & fieldMask & mask;
        if (found === 0) continue;
        const id = (posting - (posting & fieldMask)) / 16;
        if (bits[id] === 0) ids.push(id);
        bits[id]! |= found;
      }
    }
    return { bits, ids };
  }

  /** The best `limit` messages for the query, best first. */
  search(query: SearchQuery, input: string, limit = 100): SearchHit[] {
    const open = openWord(query, input);
    const clauses: { words: string[]; mask: number }[] = [];
    const fields = [
      ['words', fieldMask],
      ['from', field.from],
      ['to', field.to],
      ['subject', field.subject],
    ] as const;
    for (const [name, mask] of fields) {
      query[name].forEach((word, i) => {
        const isOpen = open?.field === name && i === query[name].length - 1;
        clauses.push({ words: isOpen ? this.expand(word) : [word], mask });
      });
    }
    const folder = query.folder?.toLowerCase() ?? null;
    const accept = (doc: Doc): boolean =>
      !doc.removed &&
      (!query.hasAttachment || doc.attach) &&
      (query.unread === null || doc.unread === query.unread) &&
      (query.flagged === null || doc.flagged === query.flagged) &&
      (query.before === null || doc.date < query.before) &&
      (query.after === null || doc.date >= query.after) &&
      (folder === null || doc.folder === folder || doc.folder.endsWith(`/${folder}`) || doc.folder.endsWith(`.${folder}`));

    const best = new TopHits(limit);
    if (clauses.length === 0) {
      for (const doc of this.docs) if (accept(doc)) best.offer(doc.ref, 0, doc.date);
      return best.sorted();
    }
    // Start from the rarest clause; every other clause must match too.
    const sets = clauses.map((clause) => this.matches(clause.words, clause.mask)).sort((a, b) => a.ids.length - b.ids.length);
    const [first, ...rest] = sets;
    for (const id of first!.ids) {
      let score = bestWeight(first!.bits[id]!);
      let all = true;
      for (const set of rest) {
        const other = set.bits[id]!;
        if (other === 0) {
          all = false;
          break;
        }
        score += bestWeight(other);
      }
      const doc = this.docs[id]!;
      if (all && accept(doc)) best.offer(doc.ref, score, doc.date);
    }
    return best.sorted();
  }
}

/**
 * The best `limit` hits seen, kept in a min-heap ordered by (score, date): offering each of
 * 90,000 matches of a common word costs a comparison, not a sort of all of them.
 */
class TopHits {
  private readonly heap: SearchHit[] = [];
  constructor(private readonly limit: number) {}

  private static worse(a: SearchHit, b: SearchHit): boolean {
    return a.score < b.score || (a.score === b.score && a.date < b.date);
  }

  offer(ref: MessageRef, score: number, date: number): void {
    const heap = this.heap;
    if (heap.length === this.limit) {
      const root = heap[0]!;
      if (root.score > score || (root.score === score && root.date >= date)) return;
      heap[0] = { ref, score, date };
      this.down(0);
      return;
    }
    heap.push({ ref, score, date });
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!TopHits.worse(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private down(start: number): void {
    const heap = this.heap;
    for (let i = start; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < heap.length && TopHits.worse(heap[left]!, heap[least]!)) least = left;
      if (right < heap.length && TopHits.worse(heap[right]!, heap[least]!)) least = right;
      if (least === i) return;
      [heap[i], heap[least]] = [heap[least]!, heap[i]!];
      i = least;
    }
  }

  sorted(): SearchHit[] {
    return [...this.heap].sort((a, b) => b.score - a.score || b.date - a.date);
  }
}

function mergeSorted(a: string[], b: string[]): string[] {
  const out = new Array<string>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}
