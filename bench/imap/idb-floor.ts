/**
 * IndexedDB floor (issue 3, the profile behind benchmarks 2 and 3): how long Chromium's
 * IndexedDB alone takes to store N records shaped like Tern's, from a bare page with no app,
 * no engine and no network, so the app's own overhead can be told from the storage's.
 *  - headers: one record per message with the messages table's six secondary indexes
 *    (schema.ts, v13), in transactions of 1,000 (the sync's larger header batches);
 *  - headers without secondary indexes: what one record per message costs by itself;
 *  - headers packed 1,000 to a record, no index: what a layout that gave up one record per
 *    message (and with it IndexedDB's orderings) would pay for storage alone;
 *  - bodies: one body record with the bodies table's two indexes plus one list-preview record
 *    per message, in transactions of 100 (body-background.ts STORE_BATCH).
 * Each variant runs in a fresh Chromium profile; the table gives the wall time and the CPU
 * seconds of Chromium's processes (process-cpu.ts). Run with `bench/imap/run.sh --idb-floor`;
 * writes bench/imap/RESULTS-idb-floor.md.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { launchBrowser } from '../../e2e/harness/browser';
import { chromiumPid, cpuBetween, cpuSnapshot } from '../process-cpu';

const MESSAGES = Number(process.env.MESSAGES ?? 10_000);
const ROOT = resolve(process.argv[2] ?? '.');

interface Variant {
  name: string;
  /** Index key paths of the header store ([] for none), or null for the bodies variant. */
  headerIndexes: string[][] | null;
  /** Headers per record (1: one record per message). */
  packed?: number;
}

const VARIANTS: Variant[] = [
  {
    name: 'headers, six secondary indexes (as the messages table), 1,000 per transaction',
    headerIndexes: [
      ['accountId', 'folderPath', 'date'],
      ['accountId', 'folderPath', 'unread', 'date'],
      ['accountId', 'folderPath', 'senderSort', 'date'],
      ['accountId', 'folderPath', 'subjectSort', 'date'],
      ['inbox', 'date'],
      ['inbox', 'unread', 'date'],
    ],
  },
  { name: 'headers, no secondary index, 1,000 per transaction', headerIndexes: [] },
  { name: 'headers packed 1,000 to a record, no index, one record per transaction', headerIndexes: [], packed: 1000 },
  { name: 'bodies (two indexes) and list previews, 100 per transaction', headerIndexes: null },
];

/**
 * The page's side, as source text (the Node typecheck has no DOM types): stores `count`
 * records and resolves the milliseconds it took. Unread, unflagged messages without
 * attachments in INBOX, as the IMAP benchmarks seed them.
 */
const PAGE_SCRIPT = `async ({ count, headerIndexes, packed }) => {
  const open = (name, upgrade) => new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => upgrade(request.result);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const done = (tx) => new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); tx.onabort = () => reject(tx.error); });
  const key = ['accountId', 'folderPath', 'uid'];
  const line = 'Message 1234: the quarterly figures, the meeting notes and a reply to the thread.\\n';
  const text = Array.from({ length: 36 }, (_, j) => (j % 6 === 0 ? '\\n' : '') + line).join('');
  const started = performance.now();
  if (headerIndexes) {
    const db = await open('floor-headers', (db) => {
      const store = db.createObjectStore('messages', { keyPath: key });
      headerIndexes.forEach((path, i) => store.createIndex('i' + i, path));
    });
    const header = (uid) => ({ accountId: 'account-1', folderPath: 'INBOX', uid, messageId: '<m' + uid + '@example.org>', subject: 'Message ' + uid,
      from: [{ name: 'Sam Sender', address: 'sam@example.org' }], to: [{ name: '', address: 'alice@example.org' }], cc: [],
      date: 1.7e12 + uid * 1000, internalDate: 1.7e12 + uid * 1000, size: 1200, flags: [], unread: 1, inReplyTo: null, references: [],
      listId: null, hasAttachments: 0, senderSort: 'sam sender', subjectSort: 'message ' + uid, inbox: 1 });
    for (let first = 1; first <= count; first += 1000) {
      const tx = db.transaction('messages', 'readwrite');
      const store = tx.objectStore('messages');
      const headers = [];
      for (let uid = first; uid < first + 1000 && uid <= count; uid++) headers.push(header(uid));
      if (packed) for (let at = 0; at < headers.length; at += packed) store.put({ accountId: 'account-1', folderPath: 'INBOX', uid: headers[at].uid, headers: headers.slice(at, at + packed) });
      else for (const row of headers) store.put(row);
      await done(tx);
    }
  } else {
    const db = await open('floor-bodies', (db) => {
      const bodies = db.createObjectStore('bodies', { keyPath: key });
      bodies.createIndex('byDate', ['accountId', 'date', 'bytes']);
      bodies.createIndex('byFetch', ['accountId', 'fetchedAt', 'bytes']);
      db.createObjectStore('snippets', { keyPath: key });
    });
    for (let first = 1; first <= count; first += 100) {
      const tx = db.transaction(['bodies', 'snippets'], 'readwrite');
      for (let uid = first; uid < first + 100 && uid <= count; uid++) {
        const body = text + uid;
        tx.objectStore('bodies').put({ accountId: 'account-1', folderPath: 'INBOX', uid, text: body, html: null, problem: null, fetchedAt: Date.now(), bytes: body.length, date: 1.7e12 + uid * 1000 });
        tx.objectStore('snippets').put({ accountId: 'account-1', folderPath: 'INBOX', uid, text: body.slice(0, 200) });
      }
      await done(tx);
    }
  }
  return performance.now() - started;
}`;

async function measure(url: string, variant: Variant): Promise<{ ms: number; cpu: string[] }> {
  const work = await mkdtemp(join(tmpdir(), 'tern-bench-idb-floor-'));
  const browser = await launchBrowser(work);
  try {
    const page = await browser.newPage();
    await page.goto(url);
    const roots = [{ label: 'Chromium', pid: await chromiumPid(work) }];
    const before = await cpuSnapshot(roots);
    const ms = await page.evaluate<number>(`(${PAGE_SCRIPT})(${JSON.stringify({ count: MESSAGES, headerIndexes: variant.headerIndexes, packed: variant.packed ?? 0 })})`);
    return { ms, cpu: cpuBetween(before, await cpuSnapshot(roots)) };
  } finally {
    await browser.close();
    await rm(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  // IndexedDB needs an origin: an empty page on loopback.
  const server = createServer((_, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>floor</title>'));
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const rows: string[] = [];
    for (const variant of VARIANTS) {
      const { ms, cpu } = await measure(url, variant);
      rows.push(`| ${variant.name} | ${(ms / 1000).toFixed(2)} s | ${((MESSAGES / ms) * 1000).toFixed(0)} | ${cpu.join('; ')} |`);
    }
    const table = [
      `# IndexedDB floor — ${MESSAGES} records per variant`,
      '',
      `Measured ${new Date().toISOString()} on this machine (2 cores shared with other work), one run per variant, each in a fresh Chromium profile: a bare page storing records shaped like Tern's, with nothing else running in it.`,
      '',
      '| variant | time | messages/s | CPU (Chromium processes) |',
      '| --- | ---: | ---: | --- |',
      ...rows,
      '',
    ].join('\n');
    console.log(table);
    await writeFile(join(ROOT, 'bench/imap/RESULTS-idb-floor.md'), table);
  } finally {
    server.close();
  }
}

await main();
