/**
 * The handle between two panes (the WAI-ARIA window splitter): focusable, arrow keys move
 * it (Shift for bigger steps), Home/End go to the limits, and a pointer drags it. It
 * reports the width of the pane on its left, which it names.
 */
import type { KeyboardEvent, PointerEvent } from 'react';
import { clampWidth, resizeByKey, type PaneLimits } from './pane-size';

interface PaneSeparatorProps {
  label: string;
  width: number;
  limits: PaneLimits;
  onResize(width: number): void;
}

export function PaneSeparator({ label, width, limits, onResize }: PaneSeparatorProps) {
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const next = resizeByKey(event.key, event.shiftKey, width, limits);
    if (next === null) return;
    event.preventDefault();
    onResize(next);
  }

  function onPointerDown(event: PointerEvent<HTMLDivElement>): void {
    const handle = event.currentTarget;
    const startX = event.clientX;
    const startWidth = width;
    handle.setPointerCapture(event.pointerId);
    const move = (moved: globalThis.PointerEvent) => onResize(clampWidth(startWidth + moved.clientX - startX, limits));
    const stop = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', stop);
      handle.removeEventListener('pointercancel', stop);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', stop);
    handle.addEventListener('pointercancel', stop);
  }

  return (
    <div
      role="separator"
      aria-label={label}
      aria-orientation="vertical"
      aria-valuenow={width}
      aria-valuemin={limits.min}
      aria-valuemax={limits.max}
      tabIndex={0}
      className="pane-separator"
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
    />
  );
}
