/**
 * The Mozilla autoconfig locations for one domain, asked in parallel and preferred in this
 * order: the domain's own autoconfig host, its well-known URL, then the ISPDB. The first
 * that yields a usable server wins; a file that is malformed or hostile is reported as a
 * problem of its source and does not hide the others.
 */
import { AutoconfigError, parseClientConfig, type ServerCandidate } from './client-config';
import type { DiscoveryConfig } from './discovery-config';
import { fetchConfigFile } from './fetch-config-file';

export interface SourceProblem {
  source: string;
  message: string;
}

export interface LookupOutcome {
  candidates: ServerCandidate[];
  problems: SourceProblem[];
}

export function autoconfigLocations(domain: string, email: string, config: DiscoveryConfig): Array<{ url: string; source: string }> {
  const base = config.ispdbBase.endsWith('/') ? config.ispdbBase : `${config.ispdbBase}/`;
  return [
    // The address lets a provider answer per user (Thunderbird sends it too); no password is involved.
    { url: `https://autoconfig.${domain}/mail/config-v1.1.xml?emailaddress=${encodeURIComponent(email)}`, source: `autoconfig.${domain}` },
    { url: `https://${domain}/.well-known/autoconfig/mail/config-v1.1.xml`, source: `${domain}/.well-known` },
    // The ISPDB is a third party: it learns the domain only.
    { url: `${base}${encodeURIComponent(domain)}`, source: `ISPDB (${new URL(base).host})` },
  ];
}

export async function autoconfigFor(domain: string, email: string, config: DiscoveryConfig, signal: AbortSignal, label = ''): Promise<LookupOutcome> {
  const locations = autoconfigLocations(domain, email, config);
  const answers = await Promise.all(
    locations.map(async ({ url, source }) => {
      const labelled = `${label}${source}`;
      try {
        const xml = await fetchConfigFile(url, config, signal);
        return { candidates: xml === null ? [] : parseClientConfig(xml, email, labelled), problem: null };
      } catch (error) {
        if (!(error instanceof AutoconfigError)) return { candidates: [], problem: null };
        return { candidates: [], problem: { source: labelled, message: error.message } };
      }
    }),
  );
  const first = answers.find((answer) => answer.candidates.length > 0);
  return {
    candidates: first?.candidates ?? [],
    problems: answers.flatMap((answer) => (answer.problem ? [answer.problem] : [])),
  };
}
