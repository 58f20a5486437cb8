/**
 * The words of the cache-loss notice: what happened, what was put back, and what could not
 * be, since a user who finds their mail list empty needs to know whether anything is gone.
 */
import type { CacheLoss } from '../../cache/cache-loss';

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function cacheLossText(loss: CacheLoss): string[] {
  const { accounts, operations, drafts } = loss.restored;
  const kept = [
    counted(accounts, 'account', 'accounts'),
    operations > 0 && counted(operations, 'change waiting for the server', 'changes waiting for the server'),
    drafts > 0 && counted(drafts, 'draft', 'drafts'),
  ].filter((part): part is string => typeof part === 'string');
  const lines =
    loss.found === 'running'
      ? [
          'The browser deleted Tern’s local cache while Tern was running. This happens when the disk that holds it is full or failing.',
          `Put back from this window’s memory: ${kept.join(', ')}. The mail itself comes back from the server at the next sync.`,
        ]
      : [
          'Tern’s local cache was gone when this window opened. The browser deletes it when the disk that holds it is full or failing, or when its site data is cleared.',
          `Put back from Tern’s own list: ${kept.join(', ')}. The mail itself comes back from the server at the next sync; changes made offline that had not reached the server were lost with the cache.`,
        ];
  if (loss.pop3Accounts.length > 0) {
    lines.push(`Mail of ${loss.pop3Accounts.join(', ')} (POP3) that was no longer on the server was only in the cache and could not be restored.`);
  }
  return lines;
}
