/**
 * The context menu of a folder (right click, the Menu key or Shift+F10 on a tree item):
 * Mark all as read, New subfolder, Rename, Move, Delete, Subscribe or Unsubscribe, Offline policy. WAI-ARIA APG "menu":
 * focus starts on the first item, arrows move, Escape or a click elsewhere closes and
 * focus returns to the folder. Protected folders (folder-plans.ts) offer their items
 * disabled, so the reason is discoverable.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { Folder } from '../../../src-shared/model';
import { folderDisplayName } from './folder-tree';
import { protectedReason } from './folder-plans';

export type FolderCommand = 'mark-read' | 'create' | 'rename' | 'move' | 'delete' | 'subscribe' | 'offline';

interface FolderMenuProps {
  folder: Folder;
  /** Where the menu opens (the pointer, or the item's corner). */
  at: { x: number; y: number };
  onChoose(command: FolderCommand): void;
  onClose(): void;
}

export function FolderMenu({ folder, at, onChoose, onClose }: FolderMenuProps) {
  const menu = useRef<HTMLUListElement>(null);
  const locked = protectedReason(folder);
  const items: { command: FolderCommand; label: string; disabled: boolean }[] = [
    { command: 'mark-read', label: 'Mark all as read', disabled: !folder.selectable },
    { command: 'create', label: 'New subfolder…', disabled: folder.delimiter === null },
    { command: 'rename', label: 'Rename…', disabled: locked !== null },
    { command: 'move', label: 'Move to…', disabled: locked !== null },
    { command: 'delete', label: 'Delete…', disabled: locked !== null },
    { command: 'subscribe', label: folder.subscribed ? 'Unsubscribe' : 'Subscribe', disabled: false },
    { command: 'offline', label: 'Offline policy…', disabled: !folder.selectable },
  ];

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const closeOutside = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => {
      document.removeEventListener('pointerdown', closeOutside);
      opener?.focus();
    };
  }, [onClose]);

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>): void {
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = entries.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => entries[(i + entries.length) % entries.length]?.focus();
    if (event.key === 'ArrowDown') go(index + 1);
    else if (event.key === 'ArrowUp') go(index - 1);
    else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(entries.length - 1);
    else if (event.key === 'Escape' || event.key === 'Tab') onClose();
    else return;
    event.preventDefault();
    event.stopPropagation();
  }

  return (
    <ul
      ref={menu}
      role="menu"
      aria-label={`Folder actions for ${folderDisplayName(folder)}`}
      className="folder-menu"
      style={{ left: at.x, top: at.y }}
      onKeyDown={onKeyDown}
    >
      {items.map(({ command, label, disabled }) => (
        <li
          key={command}
          role="menuitem"
          tabIndex={-1}
          aria-disabled={disabled || undefined}
          title={disabled && command !== 'create' ? (locked ?? undefined) : undefined}
          className="folder-menu-item"
          onClick={() => !disabled && onChoose(command)}
          onKeyDown={(event) => {
            if ((event.key === 'Enter' || event.key === ' ') && !disabled) {
              event.preventDefault();
              onChoose(command);
            }
          }}
        >
          {label}
        </li>
      ))}
    </ul>
  );
}
