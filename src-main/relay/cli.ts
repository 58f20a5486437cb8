import { readFile } from 'node:fs/promises';
import { parseCli, USAGE } from './cli-args';
import { Spool } from './spool';
import { startRelay } from './relay';

/** One line per event, timestamped, on stdout (a supervisor or journald keeps it). */
function log(line: string): void {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
}

async function main(argv: string[]): Promise<number> {
  const command = parseCli(argv);
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command.kind === 'list') {
    const spool = new Spool(command.spool);
    await spool.open();
    for (const e of await spool.loadAll((file, error) => log(`unreadable envelope ${file}: ${String(error)}`))) {
      for (const r of e.recipients) {
        process.stdout.write(`${e.id}\t<${e.from}>\t<${r.address}>\t${r.state}\t${r.attempts}\t${r.lastError ?? ''}\n`);
      }
    }
    return 0;
  }
  const { options, passwordFile } = command;
  if (passwordFile && options.smarthost) options.smarthost.password = (await readFile(passwordFile, 'utf8')).trim();
  const relay = await startRelay({ ...options, log });
  // `kill -USR1 <pid>` retries the whole queue now (postqueue -f).
  process.on('SIGUSR1', () => {
    log('flush requested');
    relay.queue.flush().catch((error: unknown) => log(`flush failed: ${String(error)}`));
  });
  await new Promise<void>((resolve) => {
    // SIGTERM: stop accepting, let running deliveries record their results; the queue is on disk.
    process.once('SIGTERM', () => resolve());
    process.once('SIGINT', () => resolve());
  });
  await relay.stop();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`relay: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
