/**
 * Finds the servers for an email address, from every source, in the order of issue #8:
 * (1) Mozilla autoconfig files, (2) DNS SRV records (RFC 6186, RFC 8314), (3) the autoconfig
 * of the MX host's parent domain, (4) guessing and probing. The first three run in parallel
 * from the start and are read in that order, stopping at the first complete answer (an
 * incoming and an outgoing server); guessing, which connects to the domain's hosts, starts
 * only when they left something missing. One time limit covers everything; whatever was
 * found by then is returned. No password is involved: discovery only reads public data
 * and greetings.
 */
import type { DiscoveryResult, DiscoveryStep } from '../../../src-shared/account-setup';
import { isLoopback } from '../imap/connection-options';
import { autoconfigFor, type LookupOutcome, type SourceProblem } from './autoconfig-lookups';
import type { ServerCandidate } from './client-config';
import type { DiscoveryConfig } from './discovery-config';
import { guessServers } from './guess-servers';
import { mxParentDomains } from './mx-parent';
import { srvCandidates } from './srv-records';

export interface DiscoverOptions {
  allowPlaintext?: boolean;
  onProgress?: (progress: { step: DiscoveryStep; state: 'started' | 'found' | 'nothing' | 'failed'; detail: string }) => void;
  signal?: AbortSignal;
}

const domainPattern = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

export class DiscoveryInputError extends Error {
  override name = 'DiscoveryInputError';
}

/** The domain of an address, lower-cased, or an error a user can read. */
export function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  const domain = email.slice(at + 1).toLowerCase();
  if (at < 1 || !domainPattern.test(domain)) throw new DiscoveryInputError(`"${email.slice(0, 320)}" is not an email address with a domain Tern can look up.`);
  return domain;
}

export async function discoverServers(email: string, config: DiscoveryConfig, options: DiscoverOptions = {}): Promise<DiscoveryResult> {
  const domain = domainOf(email);
  const allowPlaintext = options.allowPlaintext ?? false;
  const progress = options.onProgress ?? (() => undefined);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), config.timeLimitMs);
  const stop = () => controller.abort();
  options.signal?.addEventListener('abort', stop, { once: true });
  const signal = controller.signal;

  const found: ServerCandidate[] = [];
  const problems: SourceProblem[] = [];
  const keep = (outcome: LookupOutcome) => {
    problems.push(...outcome.problems);
    for (const candidate of outcome.candidates) {
      if (candidate.security === 'none' && !allowPlaintext && !isLoopback(candidate.host)) {
        problems.push({ source: candidate.source, message: `${candidate.host}:${candidate.port} offers no encryption; it is left out unless you allow plaintext.` });
      } else found.push(candidate);
    }
  };

  const run = (step: DiscoveryStep, describe: string, lookup: () => Promise<LookupOutcome>): Promise<LookupOutcome> => {
    progress({ step, state: 'started', detail: describe });
    return lookup().then(
      (outcome) => {
        const state = outcome.candidates.length > 0 ? 'found' : outcome.problems.length > 0 ? 'failed' : 'nothing';
        const detail = outcome.candidates.length > 0 ? `${outcome.candidates.length} server(s) from ${describe}` : (outcome.problems[0]?.message ?? `nothing from ${describe}`);
        progress({ step, state, detail });
        return outcome;
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        progress({ step, state: 'failed', detail: message });
        return { candidates: [], problems: [{ source: describe, message }] };
      },
    );
  };

  const steps: Array<Promise<LookupOutcome>> = [
    run('autoconfig', `autoconfig files for ${domain}`, () => autoconfigFor(domain, email, config, signal)),
    run('srv', `DNS SRV records of ${domain}`, () => srvCandidates(domain, email, config.resolveSrv)),
    run('mx', `the MX host of ${domain}`, () => viaMx(domain, email, config, signal)),
  ];
  const timedOut = new Promise<'timeout'>((resolve) => signal.addEventListener('abort', () => resolve('timeout'), { once: true }));
  try {
    for (const step of steps) {
      const outcome = await Promise.race([step, timedOut]);
      if (outcome === 'timeout') return result(found, problems, true);
      keep(outcome);
      if (complete(found)) return result(found, problems, false);
    }
    const guessed = await Promise.race([
      run('guess', `guessed host names of ${domain}`, async () => ({ candidates: await guessServers(domain, email, config, { allowPlaintext, signal }), problems: [] })),
      timedOut,
    ]);
    if (guessed === 'timeout') return result(found, problems, true);
    keep(guessed);
    return result(found, problems, false);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', stop);
    // Lookups still under way are of no use any more.
    controller.abort();
  }
}

async function viaMx(domain: string, email: string, config: DiscoveryConfig, signal: AbortSignal): Promise<LookupOutcome> {
  const mx = await mxParentDomains(domain, config);
  if (!mx) return { candidates: [], problems: [] };
  const problems: SourceProblem[] = [];
  for (const parent of mx.parents) {
    const outcome = await autoconfigFor(parent, email, config, signal, `MX ${mx.mxHost} → `);
    problems.push(...outcome.problems);
    if (outcome.candidates.length > 0) return { candidates: outcome.candidates, problems };
  }
  return { candidates: [], problems };
}

function complete(candidates: readonly ServerCandidate[]): boolean {
  return candidates.some((c) => c.protocol !== 'smtp') && candidates.some((c) => c.protocol === 'smtp');
}

function result(found: ServerCandidate[], problems: SourceProblem[], timedOut: boolean): DiscoveryResult {
  // The first of each protocol is the best: sources are kept in the order they rank.
  const incoming = found.find((c) => c.protocol === 'imap') ?? found.find((c) => c.protocol === 'pop3') ?? null;
  const smtp = found.find((c) => c.protocol === 'smtp') ?? null;
  return { incoming, smtp, candidates: found.slice(0, 200), problems: problems.slice(0, 50), timedOut };
}
