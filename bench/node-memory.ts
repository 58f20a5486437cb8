/**
 * A Node process's memory through its inspector (started with --inspect on loopback): RSS as
 * found, then after a full garbage collection. V8 collects lazily, so RSS as found includes
 * garbage of work already done (at 30,000 messages, 224 MB as found against 124 MB after a
 * collection, with 23 MB of live JavaScript heap); the figure after a collection is what the
 * process holds.
 */
import { WebSocket } from 'ws';

export interface NodeMemory {
  rssMB: number;
  rssAfterGcMB: number;
  heapAfterGcMB: number;
}

const MB = 2 ** 20;

export async function nodeMemory(inspectPort: number): Promise<NodeMemory> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error(`no inspector target on port ${inspectPort}`);
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let lastId = 0;
  const call = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++lastId;
      const onMessage = (data: unknown) => {
        const message = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
        if (message.id !== id) return;
        socket.off('message', onMessage);
        if (message.error) reject(new Error(message.error.message));
        else resolve(message.result);
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method, params }));
    });
  const usage = async () => {
    const answer = (await call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true })) as { result: { value: string } };
    return JSON.parse(answer.result.value) as NodeJS.MemoryUsage;
  };
  try {
    const found = await usage();
    await call('HeapProfiler.collectGarbage');
    const collected = await usage();
    return { rssMB: found.rss / MB, rssAfterGcMB: collected.rss / MB, heapAfterGcMB: collected.heapUsed / MB };
  } finally {
    socket.close();
  }
}
