/**
 * Conversation threading in the manner of Jamie Zawinski's algorithm (the one Netscape
 * Mail used and RFC 5256 §2.2 adopts for IMAP's THREAD=REFERENCES): messages are linked by
 * their References and In-Reply-To Message-IDs (RFC 5322 §3.6.4), ids that are referred
 * to but not present become empty placeholders, and roots left with the same base subject
 * are gathered into one thread as a fallback for clients that drop References.
 *
 * Pure and deterministic: the same messages in any order give the same threads. Input from
 * servers is hostile, so duplicated Message-IDs, self-references and reference loops are
 * tolerated without ever creating a cycle.
 */

export interface ThreadInput {
  /** Unique key of the message in its collection (e.g. account, folder and UID). */
  key: string;
  messageId: string | null;
  inReplyTo: string | null;
  references?: readonly string[] | undefined;
  subject: string;
  date: number;
}

export interface ThreadNode<T extends ThreadInput> {
  /** Null for a message that is referred to but not here (deleted, or in another folder). */
  message: T | null;
  children: ThreadNode<T>[];
}

export interface Thread<T extends ThreadInput> {
  root: ThreadNode<T>;
  /** The thread's messages, depth first, each with its depth below the root. */
  messages: { message: T; depth: number }[];
  /** Date of the newest message: threads are listed by their latest activity. */
  latest: number;
}

// Reply and forward markers of common clients and locales (Re, Fwd, Fw, and the German
// AW/WG, Swedish SV, …), optionally counted as "Re[2]:", and mailing-list tags "[list]".
const prefix = /^\s*(?:(?:re|fwd?|aw|wg|sv|vs|antw|ref|tr)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]|\[[^\]]{1,64}\])\s*/i;

/** The base subject (RFC 5256 §2.1, simplified): without reply/forward prefixes, list tags
 *  or surrounding space, in lower case, with runs of white space made one space. */
export function baseSubject(subject: string): string {
  let rest = subject.replace(/\s+/g, ' ').trim();
  for (let previous = ''; previous !== rest; ) {
    previous = rest;
    rest = rest.replace(prefix, '').replace(/\s*\((?:fwd)\)\s*$/i, '').trim();
  }
  return rest.toLowerCase();
}

/** Whether the subject says the message answers or forwards another one. */
export function isReplySubject(subject: string): boolean {
  return baseSubject(subject) !== subject.replace(/\s+/g, ' ').trim().toLowerCase() && prefix.test(subject);
}

interface Container<T extends ThreadInput> {
  message: T | null;
  parent: Container<T> | null;
  children: Container<T>[];
}

const normaliseId = (id: string): string => id.trim().replace(/^<|>$/g, '').toLowerCase();

function isAncestor<T extends ThreadInput>(candidate: Container<T>, of: Container<T>): boolean {
  for (let at: Container<T> | null = of; at; at = at.parent) if (at === candidate) return true;
  return false;
}

function detach<T extends ThreadInput>(child: Container<T>): void {
  if (!child.parent) return;
  const siblings = child.parent.children;
  siblings.splice(siblings.indexOf(child), 1);
  child.parent = null;
}

function attach<T extends ThreadInput>(child: Container<T>, parent: Container<T>): void {
  // Never create a loop: a message cannot become a reply to its own descendant.
  if (child === parent || isAncestor(child, parent)) return;
  detach(child);
  child.parent = parent;
  parent.children.push(child);
}

function referencesOf(message: ThreadInput): string[] {
  const refs = (message.references ?? []).map(normaliseId).filter(Boolean);
  const inReplyTo = message.inReplyTo ? normaliseId(message.inReplyTo) : '';
  if (inReplyTo && refs[refs.length - 1] !== inReplyTo) refs.push(inReplyTo);
  return refs;
}

function oldestDate<T extends ThreadInput>(node: Container<T>): number {
  let oldest = node.message?.date ?? Infinity;
  for (const child of node.children) oldest = Math.min(oldest, oldestDate(child));
  return oldest;
}

/** Threads of `messages`, newest activity first; within a thread, replies oldest first. */
export function threadMessages<T extends ThreadInput>(messages: readonly T[]): Thread<T>[] {
  // Sorted so that which of two messages sharing a Message-ID owns it does not depend on
  // the order they were given in.
  const sorted = [...messages].sort((a, b) => a.date - b.date || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const byId = new Map<string, Container<T>>();
  const containerFor = (id: string): Container<T> => {
    let found = byId.get(id);
    if (!found) byId.set(id, (found = { message: null, parent: null, children: [] }));
    return found;
  };

  const all: Container<T>[] = [];
  for (const message of sorted) {
    const id = message.messageId ? normaliseId(message.messageId) : '';
    let own: Container<T>;
    if (id && byId.get(id)?.message == null) {
      own = containerFor(id);
      own.message = message;
    } else {
      // No Message-ID, or a duplicate: the message stands alone in its own container.
      own = { message, parent: null, children: [] };
    }
    all.push(own);
    // Link the chain of references, each a reply to the one before, keeping links that
    // an earlier message already established.
    const refs = referencesOf(message).filter((ref) => ref !== id);
    let previous: Container<T> | null = null;
    for (const ref of refs) {
      const container = containerFor(ref);
      if (previous && !container.parent) attach(container, previous);
      previous = container;
    }
    // The message's own parent is its last reference, whatever an earlier guess said.
    if (previous) {
      if (own.parent !== previous) attach(own, previous);
    } else detach(own);
  }

  const roots = [...new Set([...byId.values(), ...all])].filter((c) => c.parent === null);
  const pruned = roots.flatMap((root) => prune(root));
  return gatherBySubject(pruned).map(toThread).sort((a, b) => b.latest - a.latest || compareKeys(a, b));
}

function compareKeys<T extends ThreadInput>(a: Thread<T>, b: Thread<T>): number {
  const ka = a.messages[0]?.message.key ?? '';
  const kb = b.messages[0]?.message.key ?? '';
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Drops empty placeholders: a childless one goes, one with children is replaced by them
 *  (at the top level only when it holds a single child, which keeps siblings together). */
function prune<T extends ThreadInput>(node: Container<T>, topLevel = true): Container<T>[] {
  node.children = node.children.flatMap((child) => prune(child, false));
  for (const child of node.children) child.parent = node;
  if (node.message) return [node];
  if (node.children.length === 0) return [];
  if (!topLevel || node.children.length === 1) {
    for (const child of node.children) child.parent = null;
    return node.children;
  }
  return [node];
}

function subjectOf<T extends ThreadInput>(node: Container<T>): { subject: string; original: string } {
  const source = node.message ?? [...node.children].sort((a, b) => oldestDate(a) - oldestDate(b))[0]?.message ?? null;
  return { subject: source ? baseSubject(source.subject) : '', original: source?.subject ?? '' };
}

/** The subject fallback: roots with the same non-empty base subject form one thread. */
function gatherBySubject<T extends ThreadInput>(roots: Container<T>[]): Container<T>[] {
  const bySubject = new Map<string, Container<T>>();
  const result: Container<T>[] = [];
  // Oldest first, so the thread's starter (not a reply) tends to be the one others join.
  const ordered = [...roots].sort((a, b) => oldestDate(a) - oldestDate(b));
  for (const root of ordered) {
    const { subject, original } = subjectOf(root);
    const holder = subject ? bySubject.get(subject) : undefined;
    if (!holder) {
      if (subject) bySubject.set(subject, root);
      result.push(root);
      continue;
    }
    if (!holder.message) {
      // An empty holder already gathers siblings: this root joins them.
      root.parent = holder;
      holder.children.push(root);
    } else if (isReplySubject(original) || !root.message) {
      root.parent = holder;
      holder.children.push(root);
    } else {
      // Two unrelated starters with one subject: siblings under a new placeholder.
      const placeholder: Container<T> = { message: null, parent: null, children: [holder, root] };
      holder.parent = placeholder;
      root.parent = placeholder;
      result[result.indexOf(holder)] = placeholder;
      bySubject.set(subject, placeholder);
    }
  }
  return result;
}

function toThread<T extends ThreadInput>(root: Container<T>): Thread<T> {
  const messages: { message: T; depth: number }[] = [];
  let latest = -Infinity;
  const convert = (node: Container<T>, depth: number): ThreadNode<T> => {
    if (node.message) {
      messages.push({ message: node.message, depth });
      latest = Math.max(latest, node.message.date);
    }
    const children = [...node.children].sort((a, b) => oldestDate(a) - oldestDate(b));
    return { message: node.message, children: children.map((child) => convert(child, node.message ? depth + 1 : depth)) };
  };
  return { root: convert(root, 0), messages, latest };
}
