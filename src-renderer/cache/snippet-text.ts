/** The list's preview line of a message, from its body's text (no cache access: the reading benchmark seeds with it). */

/** The preview line of a body's text: its first words of new text, without quoted lines
 *  (RFC 3676 §4.5 quote marks) or runs of white space. */
export function snippetOf(text: string): string {
  const lines = text.slice(0, 4000).split(/\r?\n/);
  return lines
    .filter((line) => !line.startsWith('>'))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 160);
}
