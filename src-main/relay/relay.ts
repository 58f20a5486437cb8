import type { SMTPServer } from 'smtp-server';
import { createResolver } from './mx';
import { resolveOptions, type RelayOptions } from './options';
import { DeliveryQueue } from './queue';
import { createReceiver } from './server';
import { Spool } from './spool';

export interface Relay {
  options: RelayOptions;
  queue: DeliveryQueue;
  /** The port actually listened on (useful with listenPort 0). */
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts the relay: loads the queue from the spool (so a restart resumes it), then listens.
 * `stop` closes the listener, then lets running deliveries save their results.
 */
export async function startRelay(partial: Partial<RelayOptions> & { spool: string }): Promise<Relay> {
  const options = resolveOptions(partial);
  const spool = new Spool(options.spool);
  await spool.open();
  const queue = new DeliveryQueue(options, spool, createResolver(options.dnsServers));
  await queue.load();
  const server = createReceiver(options, spool, (envelope) => queue.add(envelope));
  server.on('error', (error) => options.log(`smtp server error: ${error.message}`));
  const port = await listen(server, options.listenHost, options.listenPort);
  options.log(`listening on ${options.listenHost}:${port}`);
  queue.pump();
  return {
    options,
    queue,
    port,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queue.stop();
      options.log('stopped');
    },
  };
}

function listen(server: SMTPServer, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.server.once('error', onError);
    server.listen(port, host, () => {
      server.server.removeListener('error', onError);
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
