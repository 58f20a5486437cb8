import { describe, expect, it } from 'vitest';
import { frameCsp, frameDocument } from './frame-document';
import { cssHasRemote, isLocalUrl, isRemoteUrl, linkTarget, srcsetHasRemote, withoutRemoteCss } from './remote-content';

describe('remote content detection', () => {
  it('tells remote URLs from ones that stay inside the message', () => {
    expect(isRemoteUrl('https://tracker.example/p.gif')).toBe(true);
    expect(isRemoteUrl(' //cdn.example/x.png')).toBe(true);
    expect(isRemoteUrl('HTTP://x')).toBe(true);
    expect(isRemoteUrl('cid:part1@mail')).toBe(false);
    expect(isLocalUrl('data:image/png;base64,AAAA')).toBe(true);
    expect(isLocalUrl('cid:logo')).toBe(true);
    expect(isLocalUrl('/relative.png')).toBe(false);
  });

  it('finds remote candidates in srcset', () => {
    expect(srcsetHasRemote('data:image/png;base64,AA 1x, https://x.example/2.png 2x')).toBe(true);
    expect(srcsetHasRemote('cid:a 1x, cid:b 2x')).toBe(false);
  });

  it('finds remote url() and @import in CSS', () => {
    expect(cssHasRemote('background: url("https://x.example/bg.png")')).toBe(true);
    expect(cssHasRemote("background-image:url( //x.example/bg.png )")).toBe(true);
    expect(cssHasRemote('@import "https://x.example/s.css";')).toBe(true);
    expect(cssHasRemote("@font-face{src:url(https://x.example/f.woff)}")).toBe(true);
    expect(cssHasRemote('color: red; background: url(data:image/png;base64,AA)')).toBe(false);
  });

  it('lets links open only the web and mail addresses', () => {
    expect(linkTarget(' https://example.org/a?b ')).toBe('https://example.org/a?b');
    expect(linkTarget('mailto:bob@example.org')).toBe('mailto:bob@example.org');
    expect(linkTarget('javascript:alert(1)')).toBeNull();
    expect(linkTarget('file:///etc/passwd')).toBeNull();
    expect(linkTarget('/relative')).toBeNull();
  });
});

describe('frame document', () => {
  it('allows remote sources only after consent, and never scripts or forms', () => {
    expect(frameCsp(false)).not.toMatch(/http/);
    expect(frameCsp(false)).toContain("default-src 'none'");
    expect(frameCsp(true)).toContain('img-src data: blob: cid: https: http:');
    for (const allow of [false, true]) {
      expect(frameCsp(allow)).not.toMatch(/script-src|unsafe-eval/);
      expect(frameCsp(allow)).toContain("form-action 'none'");
    }
  });

  it('puts the CSP first in the head, before any message content', () => {
    const doc = frameDocument('<p>Hi</p>', false);
    expect(doc.indexOf('Content-Security-Policy')).toBeLessThan(doc.indexOf('<p>Hi</p>'));
    expect(doc).toContain(`content="${frameCsp(false).replace(/'/g, "'")}"`);
  });
});

describe('remote CSS before consent', () => {
  it('removes remote url() and @import, keeping local ones', () => {
    expect(withoutRemoteCss('background: url("https://x.example/bg.png") no-repeat; color: red')).toBe('background: none no-repeat; color: red');
    expect(withoutRemoteCss('@import url(https://x.example/a.css); p { color: red }')).toBe(' p { color: red }');
    expect(withoutRemoteCss("@import 'https://x.example/a.css';")).toBe('');
    expect(withoutRemoteCss('background: url(data:image/png;base64,AA)')).toBe('background: url(data:image/png;base64,AA)');
    expect(withoutRemoteCss("@font-face{src:url(//x.example/f.woff)}")).toBe('@font-face{src:none}');
    expect(withoutRemoteCss('background-image: image-set("https://x.example/a.png" 1x)')).toBe('background-image: image-set("" 1x)');
  });
});
