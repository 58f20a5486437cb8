/**
 * Whether a message has an attachment, read from its BODYSTRUCTURE (RFC 3501 §7.4.2) as
 * imapflow parsed it, so the list can show the indicator without downloading the body.
 *
 * A part counts when it says `Content-Disposition: attachment` (RFC 2183), or when it is
 * neither text nor multipart and is not an inline part of multipart/related (an image the
 * HTML shows, RFC 2387), or when it is a forwarded message (message/rfc822). The structure
 * is server data: anything that is not the expected shape counts as no attachment, and the
 * walk stops at a fixed depth and part count so a hostile structure cannot run away.
 */
const MAX_DEPTH = 20;
const MAX_PARTS = 1000;

export function hasAttachmentPart(structure: unknown): boolean {
  let seen = 0;
  const visit = (node: unknown, depth: number, inRelated: boolean): boolean => {
    if (!isRecord(node) || depth > MAX_DEPTH || ++seen > MAX_PARTS) return false;
    const type = typeof node.type === 'string' ? node.type.toLowerCase() : '';
    const disposition = typeof node.disposition === 'string' ? node.disposition.toLowerCase() : '';
    if (type.startsWith('multipart/')) {
      if (!Array.isArray(node.childNodes)) return false;
      const related = type === 'multipart/related';
      return node.childNodes.some((child) => visit(child, depth + 1, related));
    }
    if (disposition === 'attachment') return true;
    if (type === 'message/rfc822') return true;
    if (type === '' || type.startsWith('text/')) return false;
    return !(inRelated || disposition === 'inline');
  };
  return visit(structure, 0, false);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
