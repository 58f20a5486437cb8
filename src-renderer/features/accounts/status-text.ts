/**
 * How an account's connection state reads in the UI. The detail is the engine's (often the
 * server's own) words, shown as they are, because "Authentication failed" from the server
 * says more than any paraphrase of it.
 */
import type { AccountStatus } from '../../../src-shared/model';
import type { BadgeTone } from '../../components/StatusBadge';

export interface StatusView {
  text: string;
  tone: BadgeTone;
}

export function describeStatus(status: AccountStatus | undefined): StatusView {
  // No event yet means the engine is still starting the account, not that it is offline.
  if (!status) return { text: 'Connecting…', tone: 'busy' };
  const withDetail = (label: string): string => (status.detail ? `${label} — ${status.detail}` : label);
  switch (status.state) {
    case 'online':
      // Connected, but part of the last pass or the offline download did not go through
      // (a folder the server refused, queued changes not sent, the disk running low): said,
      // not hidden behind a green "Online", until a pass goes through.
      return status.detail ? { text: withDetail('Online'), tone: 'warn' } : { text: 'Online', tone: 'ok' };
    case 'syncing':
      // e.g. a POP3 account's first download: "Downloading 120 of 1000 messages".
      return { text: withDetail('Syncing…'), tone: 'busy' };
    case 'connecting':
      return { text: 'Connecting…', tone: 'busy' };
    case 'offline':
      return { text: withDetail('Offline'), tone: 'idle' };
    case 'error':
      return { text: withDetail('Error'), tone: 'bad' };
  }
}
