import { describe, expect, it } from 'vitest';
import { freePort } from '../../e2e/servers/free-port';
import { startRelay } from './relay';
import { message, startSink, submit, withTempDir } from './test-kit';

describe('relay concurrency limits', () => {
  it('never opens more connections to one destination than allowed', async () => {
    const temp = await withTempDir();
    const port = await freePort();
    // A slow destination, so connections overlap if the limit lets them.
    const sink = await startSink('127.0.0.1', port, undefined, 100);
    const relay = await startRelay({
      spool: temp.dir,
      listenPort: await freePort(),
      smarthost: { host: '127.0.0.1', port, secure: false, insecure: true },
      maxConnectionsPerDestination: 2,
      messagesPerConnection: 1,
    });
    try {
      for (let i = 0; i < 6; i++) await submit(relay.port, 'a@sender.test', ['b@example.test'], message(`limit${i}`));
      await relay.queue.drain();
      expect(sink.transactions).toHaveLength(6);
      expect(sink.connections).toBe(6);
      expect(sink.maxConcurrent).toBeLessThanOrEqual(2);
      expect(relay.queue.list()).toEqual([]);
    } finally {
      await relay.stop();
      await sink.close();
      await temp.remove();
    }
  });
});
