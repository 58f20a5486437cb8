import { describe, expect, it } from 'vitest';
import { parseMailto } from './mailto';

describe('parseMailto (RFC 6068)', () => {
  it('reads recipients, Cc, Bcc, subject and body, percent-decoded as UTF-8', () => {
    expect(parseMailto('mailto:alice@example.org,bob@example.org?cc=carol@example.org&BCC=dave@example.org&subject=Gr%C3%BC%C3%9Fe%20aus%20K%C3%B6ln&body=Line%201%0D%0ALine%202')).toEqual({
      to: ['alice@example.org', 'bob@example.org'],
      cc: ['carol@example.org'],
      bcc: ['dave@example.org'],
      subject: 'Grüße aus Köln',
      body: 'Line 1\nLine 2',
      inReplyTo: null,
    });
  });

  it('keeps "+" as it is (RFC 6068 §5: it is not a space) and takes to= as well as the path', () => {
    expect(parseMailto('mailto:a+tag@example.org?to=b@example.org&subject=1+1')).toMatchObject({ to: ['a+tag@example.org', 'b@example.org'], subject: '1+1' });
    expect(parseMailto('mailto:?to=list@example.org')).toMatchObject({ to: ['list@example.org'] });
  });

  it('ignores headers a link must not set, and flattens a subject with line breaks', () => {
    const parsed = parseMailto('mailto:a@example.org?from=boss@example.org&reply-to=evil@example.org&subject=Hi%0D%0ABcc:%20x@example.org&in-reply-to=%3C123@example.org%3E');
    expect(parsed).toEqual({ to: ['a@example.org'], cc: [], bcc: [], subject: 'Hi Bcc: x@example.org', body: '', inReplyTo: '<123@example.org>' });
  });

  it('refuses what is not a mailto: URL or cannot be decoded', () => {
    expect(parseMailto('https://example.org')).toBeNull();
    expect(parseMailto('mailto:a@example.org?subject=%E0%A4%A')).toBeNull();
    expect(parseMailto(`mailto:${'a'.repeat(20_000)}`)).toBeNull();
  });
});
