import { describe, expect, it } from 'vitest';
import { clampWidth, resizeByKey } from './pane-size';

const limits = { min: 100, max: 300 };

describe('pane sizes', () => {
  it('keeps widths inside the limits', () => {
    expect(clampWidth(50, limits)).toBe(100);
    expect(clampWidth(400, limits)).toBe(300);
    expect(clampWidth(150.4, limits)).toBe(150);
  });

  it('resizes with the arrow keys (bigger steps with Shift), Home and End', () => {
    expect(resizeByKey('ArrowRight', false, 200, limits)).toBe(216);
    expect(resizeByKey('ArrowLeft', true, 200, limits)).toBe(136);
    expect(resizeByKey('ArrowLeft', true, 120, limits)).toBe(100);
    expect(resizeByKey('Home', false, 200, limits)).toBe(100);
    expect(resizeByKey('End', false, 200, limits)).toBe(300);
    expect(resizeByKey('a', false, 200, limits)).toBeNull();
  });
});
