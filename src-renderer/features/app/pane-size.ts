/** Pane widths: where a resize key takes a separator, kept between each pane's limits. */
export interface PaneLimits {
  min: number;
  max: number;
}

export const folderPaneLimits: PaneLimits = { min: 160, max: 420 };
export const listPaneLimits: PaneLimits = { min: 260, max: 720 };

const step = 16;
const bigStep = 64;

export function clampWidth(width: number, { min, max }: PaneLimits): number {
  return Math.round(Math.min(max, Math.max(min, width)));
}

/** The width after a key press on a separator, or null when the key does not resize. */
export function resizeByKey(key: string, shift: boolean, width: number, limits: PaneLimits): number | null {
  const by = shift ? bigStep : step;
  switch (key) {
    case 'ArrowLeft':
      return clampWidth(width - by, limits);
    case 'ArrowRight':
      return clampWidth(width + by, limits);
    case 'Home':
      return limits.min;
    case 'End':
      return limits.max;
    default:
      return null;
  }
}
