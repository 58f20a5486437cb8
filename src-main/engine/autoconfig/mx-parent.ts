/**
 * A domain hosted by a provider often has no autoconfig of its own, but its MX names the
 * provider (mx1.mail.provider.example): the autoconfig lookups are repeated for the MX
 * host's parent domains. Without the public-suffix list, the parents tried are the MX
 * host minus its first label and then each shorter one down to two labels, at most two of
 * them, never the user's own domain again.
 */
import type { DiscoveryConfig } from './discovery-config';

const hostnamePattern = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
const MAX_PARENTS = 2;

export async function mxParentDomains(domain: string, config: Pick<DiscoveryConfig, 'resolveMx'>): Promise<{ mxHost: string; parents: string[] } | null> {
  const records = await config.resolveMx(domain).catch(() => []);
  const usable = records
    .map((r) => ({ host: r.exchange.replace(/\.$/, '').toLowerCase(), priority: r.priority }))
    // A null MX (RFC 7505) says the domain takes no mail; a hostile exchange is ignored.
    .filter((r) => r.host !== '' && hostnamePattern.test(r.host))
    .sort((a, b) => a.priority - b.priority);
  const best = usable[0];
  if (!best) return null;
  const labels = best.host.split('.');
  const parents: string[] = [];
  for (let drop = 1; labels.length - drop >= 2 && parents.length < MAX_PARENTS; drop++) {
    const parent = labels.slice(drop).join('.');
    if (parent !== domain.toLowerCase()) parents.push(parent);
  }
  return { mxHost: best.host, parents };
}
