import { parseArgs } from 'node:util';
import type { RelayOptions, SmarthostOptions } from './options';
import type { QueueAction } from './queue-command';

export const USAGE = `Usage: node out/main/relay.js --spool DIR [options]
       node out/main/relay.js queue list|flush|delete ID --spool DIR

Runs Tern's SMTP relay on its own: accepts mail, queues it durably in DIR and delivers it
directly to each recipient domain's MX hosts, or through a smarthost.

  --listen HOST:PORT              where to accept mail (default 127.0.0.1:2525)
  --spool DIR                     queue directory (required)
  --hostname NAME                 name used in the greeting, Received and bounces (default localhost)
  --local-domain DOMAIN           accepted without AUTH on a non-loopback listener (repeatable)
  --smarthost HOST:PORT           send everything through this server (STARTTLS required)
  --smarthost-tls                 use implicit TLS to the smarthost (port 465 style)
  --smarthost-insecure            allow a smarthost without TLS (loopback testing only)
  --smarthost-user USER           AUTH user for the smarthost
  --smarthost-password-file FILE  file holding the smarthost password
  --dns IP:PORT                   DNS server for MX lookups (repeatable; default: the system's)
  --mx-port N                     port MX hosts are contacted on (default 25)
  --help                          show this text

Queue commands reach the relay running on DIR through its control socket, or work on the
spool directly (under its lock) when none runs:
  queue list                      one line per recipient: id, sender, recipient, state,
                                  attempts, next attempt, last error
  queue flush                     try every deferred message now (postqueue -f)
  queue delete ID                 remove a message without delivering or bouncing it

Signals: SIGTERM/SIGINT stop cleanly (the queue stays on disk); SIGUSR1 retries the queue now.`;

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'queue'; spool: string; command: QueueAction }
  | { kind: 'run'; options: Partial<RelayOptions> & { spool: string }; passwordFile?: string };

/** Parses the command line; throws an Error whose message is meant for the user. */
export function parseCli(argv: string[]): CliCommand {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      listen: { type: 'string' },
      spool: { type: 'string' },
      hostname: { type: 'string' },
      'local-domain': { type: 'string', multiple: true },
      smarthost: { type: 'string' },
      'smarthost-tls': { type: 'boolean' },
      'smarthost-insecure': { type: 'boolean' },
      'smarthost-user': { type: 'string' },
      'smarthost-password-file': { type: 'string' },
      dns: { type: 'string', multiple: true },
      'mx-port': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return { kind: 'help' };
  if (!values.spool) throw new Error('--spool DIR is required (see --help)');
  if (positionals.length > 0) return { kind: 'queue', spool: values.spool, command: queueAction(positionals) };
  const options: Partial<RelayOptions> & { spool: string } = { spool: values.spool };
  if (values.listen) {
    const { host, port } = hostPort(values.listen, '--listen');
    options.listenHost = host;
    options.listenPort = port;
  }
  if (values.hostname) options.hostname = values.hostname;
  if (values['local-domain']) options.localDomains = values['local-domain'];
  if (values.dns) options.dnsServers = values.dns.map((d) => (hostPort(d, '--dns'), d));
  if (values['mx-port']) options.mxPort = port(values['mx-port'], '--mx-port');
  if (values.smarthost) {
    const { host, port: p } = hostPort(values.smarthost, '--smarthost');
    const smarthost: SmarthostOptions = { host, port: p, secure: values['smarthost-tls'] === true, insecure: values['smarthost-insecure'] === true };
    if (values['smarthost-user']) smarthost.user = values['smarthost-user'];
    options.smarthost = smarthost;
  }
  if (values['smarthost-user'] && !values['smarthost-password-file']) throw new Error('--smarthost-user needs --smarthost-password-file');
  return { kind: 'run', options, ...(values['smarthost-password-file'] ? { passwordFile: values['smarthost-password-file'] } : {}) };
}

function queueAction(words: string[]): QueueAction {
  const [group, action, id, ...rest] = words;
  if (group !== 'queue') throw new Error(`unknown command "${group}" (see --help)`);
  if (action === 'list' || action === 'flush') {
    if (id !== undefined) throw new Error(`queue ${action} takes no argument`);
    return { action };
  }
  if (action === 'delete') {
    if (id === undefined || rest.length > 0) throw new Error('queue delete takes one queue id');
    return { action, id };
  }
  throw new Error('queue needs list, flush or delete (see --help)');
}

function hostPort(value: string, flag: string): { host: string; port: number } {
  const at = value.lastIndexOf(':');
  if (at <= 0) throw new Error(`${flag} expects HOST:PORT, got "${value}"`);
  return { host: value.slice(0, at).replace(/^\[|\]$/g, ''), port: port(value.slice(at + 1), flag) };
}

function port(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${flag}: "${value}" is not a port number`);
  return n;
}
