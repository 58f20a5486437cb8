import { describe, expect, it } from 'vitest';
import { baseSubject, isReplySubject, threadMessages, type Thread, type ThreadInput } from './threading';

function msg(key: string, date: number, extra: Partial<ThreadInput> = {}): ThreadInput {
  return { key, messageId: `<${key}@example.org>`, inReplyTo: null, subject: `Subject ${key}`, date, ...extra };
}

/** A thread as nested keys: "a(b(c) d)" means b and d answer a, c answers b. */
function shape(thread: Thread<ThreadInput>): string {
  const render = (node: Thread<ThreadInput>['root']): string => {
    const inner = node.children.map(render).join(' ');
    const own = node.message?.key ?? '_';
    return inner ? `${own}(${inner})` : own;
  };
  return render(thread.root);
}

const shapes = (messages: ThreadInput[]): string[] => threadMessages(messages).map(shape);

describe('base subjects', () => {
  it('strips reply and forward markers, counters and list tags, in any case', () => {
    expect(baseSubject('Re: RE: Fwd: Lunch')).toBe('lunch');
    expect(baseSubject('[tern-dev] Re[2]: AW:  Build   broken')).toBe('build broken');
    expect(baseSubject('SV: Möte (fwd)')).toBe('möte');
    expect(baseSubject('Regarding lunch')).toBe('regarding lunch');
    expect(isReplySubject('Re: lunch')).toBe(true);
    expect(isReplySubject('Lunch')).toBe(false);
  });
});

describe('threading by references', () => {
  it('builds the tree from References and In-Reply-To, in any input order', () => {
    const a = msg('a', 1);
    const b = msg('b', 2, { inReplyTo: '<a@example.org>', subject: 'Re: Subject a' });
    const c = msg('c', 3, { references: ['<a@example.org>', '<b@example.org>'], subject: 'Re: Subject a' });
    const d = msg('d', 4, { references: ['<a@example.org>'], inReplyTo: '<a@example.org>', subject: 'Re: Subject a' });
    const other = msg('x', 5);
    expect(shapes([a, b, c, d, other])).toEqual(['x', 'a(b(c) d)']);
    expect(shapes([other, d, c, b, a])).toEqual(['x', 'a(b(c) d)']);
    const [thread] = threadMessages([a, b, c, d]);
    expect(thread!.messages.map((m) => [m.message.key, m.depth])).toEqual([['a', 0], ['b', 1], ['c', 2], ['d', 1]]);
    expect(thread!.latest).toBe(4);
  });

  it('keeps siblings together under a missing parent, and drops a missing single root', () => {
    const b = msg('b', 2, { references: ['<gone@example.org>'], subject: 'Re: Plans' });
    const c = msg('c', 3, { references: ['<gone@example.org>'], subject: 'Re: Plans' });
    expect(shapes([b, c])).toEqual(['_(b c)']);
    const lone = msg('d', 4, { references: ['<gone2@example.org>', '<gone3@example.org>'], subject: 'Re: Other' });
    expect(shapes([lone])).toEqual(['d']);
  });

  it('matches Message-IDs without angle brackets or case differences', () => {
    const a = msg('a', 1, { messageId: '<ABC@Example.org>' });
    const b = msg('b', 2, { inReplyTo: 'abc@example.org', subject: 'Unrelated words' });
    expect(shapes([a, b])).toEqual(['a(b)']);
  });

  it('survives duplicate ids, self references and reference loops without cycles', () => {
    const a = msg('a', 1, { references: ['<b@example.org>'] });
    const b = msg('b', 2, { references: ['<a@example.org>'] });
    const self = msg('s', 3, { inReplyTo: '<s@example.org>' });
    const twin = msg('t', 4, { messageId: '<a@example.org>', subject: 'Twin' });
    const threads = threadMessages([a, b, self, twin]);
    const keys = threads.flatMap((t) => t.messages.map((m) => m.message.key)).sort();
    expect(keys).toEqual(['a', 'b', 's', 't']);
    expect(threads.map(shape)).toContain('s');
    expect(threads.map(shape)).toContain('t');
  });
});

describe('the subject fallback', () => {
  it('gathers a reply that lost its references under the thread it answers', () => {
    const a = msg('a', 1, { subject: 'Quarterly numbers' });
    const b = msg('b', 2, { subject: 'Re: Quarterly numbers', messageId: null });
    const c = msg('c', 3, { subject: 'RE: quarterly  numbers' });
    expect(shapes([c, b, a])).toEqual(['a(b c)']);
  });

  it('keeps two unrelated starters with one subject as siblings, and never joins empty subjects', () => {
    const a = msg('a', 1, { subject: 'Hello' });
    const b = msg('b', 2, { subject: 'Hello' });
    expect(shapes([a, b])).toEqual(['_(a b)']);
    expect(shapes([msg('x', 1, { subject: '' }), msg('y', 2, { subject: 'Re:' })])).toEqual(['y', 'x']);
  });
});
