import { readFile } from 'node:fs/promises';
import { parseCli, USAGE } from './cli-args';
import { runQueueCommand } from './queue-command';
import { startRelay } from './relay';

let pendingLog = '';

/**
 * One line per event, timestamped, on stdout (a supervisor or journald keeps it). Lines of
 * one event-loop turn go out in one write: stdout to a pipe is synchronous on Linux, and a
 * write per line cost a busy relay a tenth of its time. SIGKILL can lose that turn's lines.
 */
function log(line: string): void {
  if (pendingLog === '') setImmediate(flushLog);
  pendingLog += `${new Date().toISOString()} ${line}\n`;
}

function flushLog(): void {
  if (pendingLog === '') return;
  process.stdout.write(pendingLog);
  pendingLog = '';
}

async function main(argv: string[]): Promise<number> {
  const command = parseCli(argv);
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command.kind === 'queue') {
    process.stdout.write(await runQueueCommand(command.spool, command.command));
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
  (code) => {
    flushLog();
    process.exit(code);
  },
  (error: unknown) => {
    flushLog();
    process.stderr.write(`relay: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
