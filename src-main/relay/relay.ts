import type { SMTPServer } from 'smtp-server';
import { startControlServer, type ControlServer } from './control';
import { createResolver } from './mx';
import { resolveOptions, type RelayOptions } from './options';
import { DeliveryQueue } from './queue';
import { createReceiver } from './server';
import { Spool } from './spool';
import { acquireSpoolLock } from './spool-lock';

export interface Relay {
  options: RelayOptions;
  queue: DeliveryQueue;
  spool: Spool;
  /** The port actually listened on (useful with listenPort 0). */
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts the relay: takes the spool's lock, loads the queue from the spool (so a restart
 * resumes it), listens for mail and opens the control socket for the queue commands.
 * `stop` closes both listeners, then lets running deliveries save their results.
 */
export async function startRelay(partial: Partial<RelayOptions> & { spool: string }): Promise<Relay> {
  const options = resolveOptions(partial);
  const spool = new Spool(options.spool);
  await spool.open();
  const lock = await acquireSpoolLock(options.spool);
  let server: SMTPServer | undefined;
  let control: ControlServer | undefined;
  const queue = new DeliveryQueue(options, spool, createResolver(options.dnsServers));
  try {
    await queue.load();
    server = createReceiver(options, spool, (envelope) => queue.add(envelope));
    server.on('error', (error) => options.log(`smtp server error: ${error.message}`));
    const port = await listen(server, options.listenHost, options.listenPort);
    options.log(`listening on ${options.listenHost}:${port}`);
    control = await startControlServer(options.spool, queue, spool).catch((error: unknown) => {
      // Mail still flows without it; only the queue commands from other processes are lost.
      options.log(`control socket unavailable, queue commands will not reach this relay: ${String(error)}`);
      return undefined;
    });
    queue.pump();
    const receiver = server;
    return {
      options,
      queue,
      spool,
      port,
      async stop() {
        await new Promise<void>((resolve) => receiver.close(() => resolve()));
        await control?.close();
        await queue.stop();
        await lock.release();
        options.log('stopped');
      },
    };
  } catch (error) {
    server?.close();
    await queue.stop();
    await lock.release();
    throw error;
  }
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
