/**
 * A display preference (pane widths, list density) kept in localStorage: it belongs to
 * this window's look, not to mail, so it stays out of the cache. A stored value that no
 * longer parses falls back to the default instead of breaking the window.
 */
import { useState } from 'react';

const keyOf = (name: string) => `tern.${name}`;

/** The preference as stored now, for code that reads it at the moment it acts rather than while rendering. */
export function storedPreference<T>(name: string, fallback: T, valid: (value: unknown) => value is T): T {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(keyOf(name)) ?? 'null');
    return valid(stored) ? stored : fallback;
  } catch {
    return fallback;
  }
}

export function usePreference<T>(name: string, fallback: T, valid: (value: unknown) => value is T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => storedPreference(name, fallback, valid));
  return [
    value,
    (next: T) => {
      setValue(next);
      localStorage.setItem(keyOf(name), JSON.stringify(next));
    },
  ];
}

export const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
export const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
