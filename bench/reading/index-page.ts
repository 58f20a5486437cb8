/**
 * The index comparison, bundled for a blank Chromium page: Tern's SearchIndex and
 * FlexSearch's Document index each build over the same generated messages, measured for
 * time and retained JS heap (after a forced GC), then answer the same queries. FlexSearch
 * is set to the "forward" tokenizer, which like Tern's index finds a word from its start
 * as it is typed; "strict" (whole words only) is measured as well.
 */
import { Document } from 'flexsearch';
import type { MessageHeader } from '../../src-shared/model';
import { parseSearchQuery } from '../../src-shared/search-query';
import { SearchIndex } from '../../src-renderer/features/search/search-index';
import { makeCorpus, queries } from './corpus';

export interface IndexFigures {
  name: string;
  buildMs: number;
  heapMb: number;
  queryP50Ms: number;
  queryP95Ms: number;
}

// This file is type-checked for Node (no DOM types): the page's extras, described here.
const page = globalThis as unknown as {
  gc(): void;
  performance: { memory: { usedJSHeapSize: number } };
  readingBench: { compare(count: number): Promise<IndexFigures[]> };
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

async function heap(): Promise<number> {
  await settle();
  page.gc();
  return page.performance.memory.usedJSHeapSize;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

async function measure(name: string, build: () => unknown, query: (index: unknown, q: string) => unknown): Promise<IndexFigures> {
  const before = await heap();
  const started = performance.now();
  const index = build();
  const buildMs = performance.now() - started;
  const after = await heap();
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const q of queries()) {
      const t = performance.now();
      query(index, q);
      times.push(performance.now() - t);
    }
  }
  return { name, buildMs, heapMb: (after - before) / 1048576, queryP50Ms: percentile(times, 0.5), queryP95Ms: percentile(times, 0.95) };
}

page.readingBench = {
  async compare(count) {
    const corpus = makeCorpus(count);
    const headers: MessageHeader[] = corpus.map((m) => ({
      accountId: 'bench', folderPath: 'INBOX', uid: m.uid, messageId: null, subject: m.subject,
      from: [{ name: m.fromName, address: m.fromAddress }], to: [{ name: '', address: m.to }], cc: [],
      date: m.date, internalDate: m.date, size: 0, flags: m.seen ? ['\\Seen'] : [], unread: m.seen ? 0 : 1, inReplyTo: null,
    }));
    const docs = corpus.map((m) => ({ id: m.uid, from: `${m.fromName} ${m.fromAddress}`, to: m.to, subject: m.subject, body: m.body }));
    const results: IndexFigures[] = [];
    results.push(
      await measure(
        'Tern SearchIndex',
        () => {
          const index = new SearchIndex();
          for (const h of headers) index.addHeader(h);
          for (const m of corpus) index.addBody({ accountId: 'bench', folderPath: 'INBOX', uid: m.uid, text: m.body });
          return index;
        },
        (index, q) => (index as SearchIndex).search(parseSearchQuery(q), q, 200),
      ),
    );
    for (const tokenize of ['forward', 'strict'] as const) {
      results.push(
        await measure(
          `FlexSearch Document (${tokenize})`,
          () => {
            const index = new Document({ document: { id: 'id', index: ['from', 'to', 'subject', 'body'] }, tokenize });
            for (const d of docs) index.add(d);
            return index;
          },
          (index, q) => (index as Document).search(q, { limit: 200 }),
        ),
      );
    }
    return results;
  },
};
