import { describe, expect, it } from 'vitest';
import { contentIdOf, imageDataUrl } from './data-url';

describe('inline image URLs', () => {
  it('makes data: URLs of images only', () => {
    expect(imageDataUrl(new Uint8Array([0x47, 0x49, 0x46]), 'Image/GIF')).toBe('data:image/gif;base64,R0lG');
    expect(imageDataUrl(new Uint8Array([60]), 'text/html')).toBeNull();
    expect(imageDataUrl(new Uint8Array([60]), 'image/png;x=<script>')).toBeNull();
  });

  it('encodes a large image without overflowing the stack', () => {
    const url = imageDataUrl(new Uint8Array(3 * 1024 * 1024).fill(255), 'image/png');
    expect(url?.length).toBe('data:image/png;base64,'.length + 4 * 1024 * 1024);
  });

  it('reads the Content-ID of a cid: URL, decoded and without brackets', () => {
    expect(contentIdOf('cid:logo@shop.example')).toBe('logo@shop.example');
    expect(contentIdOf('CID:%3Cpart1.abc%40x%3E')).toBe('part1.abc@x');
    expect(contentIdOf('https://x/cid:a')).toBeNull();
    expect(contentIdOf('cid:%E0%A4%A')).toBeNull();
  });
});
