/**
 * A message being written, as the composer keeps it and the cache stores it (drafts
 * table, durable handle): the address fields as typed, the body as rich HTML or plain
 * text, and attachments as Blobs, so nothing typed or attached is lost when the window
 * closes or crashes. `toOutgoing` turns it into what the outbox takes.
 */
import type { MailtoMessage } from '../../../src-shared/mailto';
import type { Account, Identity, MessageBody, MessageHeader } from '../../../src-shared/model';
import type { ComposedOutgoing, OutgoingAddress } from '../../../src-shared/outgoing';
import { formatAddresses, parseAddressField } from './address-field';

export interface DraftAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  data: Blob;
  /** Set for an image shown inline in the rich body (referenced there as cid:…, RFC 2392). */
  contentId: string | null;
}

export interface Draft {
  id: string;
  accountId: string;
  fromAddress: string;
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  format: 'rich' | 'plain';
  /** The rich body, with inline images as cid: references. */
  html: string;
  /** The plain body (format 'plain'). */
  text: string;
  inReplyTo: string | null;
  references: string[];
  attachments: DraftAttachment[];
  /** The outbox entry this draft was queued as, while "undo" is still possible. */
  outboxId: string | null;
  updatedAt: number;
}

/** The account's own address first, then its extra identities (model.ts). */
export function identitiesOf(account: Account): Identity[] {
  const isOwn = (identity: Identity) => identity.address.toLowerCase() === account.email.toLowerCase();
  // The own address's Reply-To and signature, when set, are kept in an identity of that address.
  const ownSettings = account.identities.find(isOwn);
  const own: Identity = { name: account.name, address: account.email, replyTo: ownSettings?.replyTo ?? null, signature: ownSettings?.signature ?? '' };
  return [own, ...account.identities.filter((identity) => !isOwn(identity))];
}

/** The signature as it goes below a body: after the "-- " separator line (RFC 3676 §4.3). */
const signatureBlock = (signature: string): string => (signature ? `\n\n-- \n${signature}` : '');

/**
 * The draft's body with one identity's signature replaced by another's, when the body still
 * ends with the first one as it was added; a signature the user edited is left alone.
 */
export function withSignature(draft: Pick<Draft, 'text' | 'html'>, from: string, to: string): Pick<Draft, 'text' | 'html'> {
  const [oldText, newText] = [signatureBlock(from), signatureBlock(to)];
  // In HTML the separator starts a paragraph of its own (textToHtml of the block).
  const htmlOf = (signature: string) => (signature ? textToHtml(`-- \n${signature}`) : '');
  const [oldHtml, newHtml] = [htmlOf(from), htmlOf(to)];
  const text = oldText === '' || draft.text.endsWith(oldText) ? draft.text.slice(0, draft.text.length - oldText.length) + newText : draft.text;
  const html = oldHtml === '' || draft.html.endsWith(oldHtml) ? draft.html.slice(0, draft.html.length - oldHtml.length) + newHtml : draft.html;
  return { text, html };
}

export function newDraft(account: Account, now: number, overrides: Partial<Draft> = {}): Draft {
  const identity = identitiesOf(account)[0]!;
  const signature = signatureBlock(identity.signature);
  return {
    id: crypto.randomUUID(),
    accountId: account.id,
    fromAddress: identity.address,
    to: '',
    cc: '',
    bcc: '',
    subject: '',
    format: 'rich',
    html: signature ? textToHtml(signature) : '',
    text: signature,
    inReplyTo: null,
    references: [],
    attachments: [],
    outboxId: null,
    updatedAt: now,
    ...overrides,
  };
}

export interface DraftProblems {
  to: string[];
  cc: string[];
  bcc: string[];
  noRecipient: boolean;
}

export function draftProblems(draft: Draft): DraftProblems {
  const to = parseAddressField(draft.to);
  const cc = parseAddressField(draft.cc);
  const bcc = parseAddressField(draft.bcc);
  return { to: to.invalid, cc: cc.invalid, bcc: bcc.invalid, noRecipient: to.addresses.length + cc.addresses.length + bcc.addresses.length === 0 };
}

/** What the outbox takes; `blobIds` maps each attachment to its staged copy in the main process. */
export function toOutgoing(draft: Draft, account: Account, bodyText: string, bodyHtml: string | null, blobIds: Map<string, string>): ComposedOutgoing {
  const identity = identitiesOf(account).find((i) => i.address === draft.fromAddress) ?? identitiesOf(account)[0]!;
  const addresses = (field: string): OutgoingAddress[] => parseAddressField(field).addresses;
  return {
    from: { name: identity.name, address: identity.address },
    ...(identity.replyTo ? { replyTo: { name: '', address: identity.replyTo } } : {}),
    to: addresses(draft.to),
    cc: addresses(draft.cc),
    bcc: addresses(draft.bcc),
    // A pasted subject may carry line breaks; a header value may not (RFC 5322 §2.2).
    subject: draft.subject.replace(/[\r\n]+/g, ' '),
    text: bodyText,
    html: bodyHtml,
    inReplyTo: draft.inReplyTo,
    references: draft.references,
    attachments: draft.attachments.map((a) => ({
      filename: a.filename,
      contentType: /^[\w.+-]+\/[\w.+-]+$/.test(a.contentType) ? a.contentType : 'application/octet-stream',
      blobId: blobIds.get(a.id)!,
      ...(a.contentId ? { contentId: a.contentId } : {}),
    })),
  };
}

/** A new draft filled from a mailto: link, with the account's signature kept below its body. */
export function draftFromMailto(account: Account, now: number, mailto: MailtoMessage): Draft {
  const fresh = newDraft(account, now);
  const text = mailto.body + fresh.text;
  return {
    ...fresh,
    to: mailto.to.join(', '),
    cc: mailto.cc.join(', '),
    bcc: mailto.bcc.join(', '),
    subject: mailto.subject,
    text,
    html: text ? textToHtml(text) : '',
    inReplyTo: mailto.inReplyTo,
    references: mailto.inReplyTo ? [mailto.inReplyTo] : [],
  };
}

export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The draft id of a message saved by Tern in a Drafts folder (engine/drafts: `<id@draft.tern.invalid>`). */
export function serverDraftId(header: Pick<MessageHeader, 'messageId'>): string | null {
  const match = /^<([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@draft\.tern\.invalid>$/.exec(header.messageId ?? '');
  return match ? match[1]! : null;
}

/** A draft's fields from its copy on the server (its attachments stay there). */
export function draftFromMessage(header: MessageHeader, body: MessageBody): Partial<Draft> {
  return {
    to: formatAddresses(header.to),
    cc: formatAddresses(header.cc),
    subject: header.subject,
    format: 'rich',
    html: body.html ?? textToHtml(body.text),
    text: body.text,
    inReplyTo: header.inReplyTo,
    references: header.references ?? [],
  };
}
