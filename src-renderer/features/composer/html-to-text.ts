/**
 * The text/plain alternative of a rich message (RFC 2046 §5.1.4: the same content, plainer):
 * paragraphs separated by blank lines, quotes prefixed with "> ", list items with "- " or
 * their number, links followed by their address, inline images by their name.
 */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  return blocks(doc.body).join('\n\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

function blocks(parent: Node): string[] {
  const out: string[] = [];
  let inline = '';
  const flush = () => {
    if (inline.trim() !== '') out.push(inline.trim());
    inline = '';
  };
  for (const node of parent.childNodes) {
    if (!(node instanceof Element)) {
      inline += node.textContent ?? '';
      continue;
    }
    const tag = node.tagName;
    if (tag === 'BLOCKQUOTE') {
      flush();
      out.push(blocks(node).join('\n\n').split('\n').map((l) => (l.startsWith('>') ? `>${l}` : `> ${l}`)).join('\n'));
    } else if (tag === 'UL' || tag === 'OL') {
      flush();
      out.push(
        [...node.children]
          .map((li, i) => `${tag === 'OL' ? `${i + 1}.` : '-'} ${blocks(li).join('\n').replace(/\n/g, '\n   ')}`)
          .join('\n'),
      );
    } else if (['P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'PRE', 'LI', 'HR'].includes(tag)) {
      flush();
      const text = blocks(node).join('\n\n');
      out.push(tag === 'HR' ? '----' : text);
    } else {
      inline += inlineText(node);
    }
  }
  flush();
  return out.filter((b) => b !== '');
}

function inlineText(node: Element): string {
  if (node.tagName === 'BR') return '\n';
  if (node.tagName === 'IMG') return `[${node.getAttribute('alt') || 'image'}]`;
  const inner = [...node.childNodes].map((child) => (child instanceof Element ? inlineText(child) : (child.textContent ?? ''))).join('');
  const href = node.tagName === 'A' ? node.getAttribute('href') : null;
  return href && href !== inner ? `${inner} <${href}>` : inner;
}
