import { describe, expect, it } from 'vitest';
import { viewableType } from './open-file';

describe('viewableType', () => {
  it('opens pictures, PDF and plain text, whatever the case and parameters', () => {
    expect(viewableType('image/PNG')).toBe('image/png');
    expect(viewableType('image/jpg')).toBe('image/jpeg');
    expect(viewableType('application/pdf')).toBe('application/pdf');
    expect(viewableType('text/plain; charset=utf-8')).toBe('text/plain');
  });

  it('never opens what could run script in the app’s origin', () => {
    for (const type of ['text/html', 'image/svg+xml', 'application/xhtml+xml', 'text/xml', 'application/javascript', 'application/octet-stream', '']) {
      expect(viewableType(type), type).toBeNull();
    }
  });
});
