/**
 * How a plain-text body is laid out: runs of quoted lines ("> ...", RFC 3676 §4.5) become
 * blocks the reader can fold, and web and mail addresses in the text become links. The
 * engine's parser (mailparser) has already joined format=flowed lines, so text arrives
 * here as the sender meant it.
 */

export interface TextBlock {
  quoted: boolean;
  text: string;
  /** Line count, for the "Show quoted text (n lines)" toggle. */
  lines: number;
}

const isQuoted = (line: string): boolean => /^\s?>/.test(line);

export function splitQuoted(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    const quoted = isQuoted(line);
    const last = blocks[blocks.length - 1];
    if (last && last.quoted === quoted) {
      last.text += `\n${line}`;
      last.lines += 1;
    } else {
      blocks.push({ quoted, text: line, lines: 1 });
    }
  }
  return blocks;
}

export type TextPiece = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// http(s) URLs and mailto: addresses; a bare "www." is not guessed at.
const linkPattern = /\b(?:https?:\/\/|mailto:)[^\s<>"]+/gi;
// Punctuation that ends a sentence is not part of the URL before it ("see https://x.org.").
const trailing = /[.,;:!?'"]+$/;

export function linkify(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const match of text.matchAll(linkPattern)) {
    let url = match[0].replace(trailing, '');
    // A closing parenthesis belongs to the URL only when the URL opened one.
    while (url.endsWith(')') && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0)) url = url.slice(0, -1);
    if (/^(https?:\/\/|mailto:)$/i.test(url)) continue;
    const start = match.index;
    if (start > at) pieces.push({ kind: 'text', text: text.slice(at, start) });
    pieces.push({ kind: 'link', text: url, href: url });
    at = start + url.length;
  }
  if (at < text.length) pieces.push({ kind: 'text', text: text.slice(at) });
  return pieces;
}
