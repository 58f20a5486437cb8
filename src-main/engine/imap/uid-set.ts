/**
 * UID lists as IMAP sequence sets (RFC 3501 §9, "sequence-set"): runs of consecutive UIDs
 * collapse into ranges, so a batch of 1000 adjacent messages is one short "1:1000" instead
 * of a command line thousands of bytes long.
 */
export function toUidSet(uids: readonly number[]): string {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = sorted[0];
  let end = start;
  for (const uid of sorted.slice(1)) {
    if (end !== undefined && uid === end + 1) {
      end = uid;
      continue;
    }
    if (start !== undefined) parts.push(start === end ? `${start}` : `${start}:${end}`);
    start = uid;
    end = uid;
  }
  if (start !== undefined) parts.push(start === end ? `${start}` : `${start}:${end}`);
  return parts.join(',');
}
