/**
 * A modal dialog shell on the native <dialog> element: showModal() puts it in the top
 * layer and makes the rest of the page inert, so screen readers and pointers stay inside.
 * On top of that, Tab and Shift+Tab wrap around inside the dialog (the browser alone would
 * let focus leave to its own toolbar), Escape asks the owner to close, and focus goes
 * back to whatever had it before the dialog opened (normally the button that opened it).
 */
import { useId, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode, type SyntheticEvent } from 'react';

interface DialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** For content that needs the room (a message, its source), not a form. */
  wide?: boolean;
}

const focusable = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function tabbables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(focusable)].filter((el) => el.tabIndex >= 0 && el.getClientRects().length > 0);
}

export function Dialog({ title, onClose, children, wide = false }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  // A layout effect, so the dialog is modal before the first paint and focus returns
  // before the element leaves the page.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    tabbables(dialog)[0]?.focus();
    return () => {
      dialog.close();
      opener?.focus();
    };
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDialogElement>): void {
    if (event.key !== 'Tab' || !ref.current) return;
    const items = tabbables(ref.current);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  // Escape fires `cancel`; the owner decides (and unmounts us), so the browser must not
  // close the element behind React's back.
  function onCancel(event: SyntheticEvent<HTMLDialogElement>): void {
    event.preventDefault();
    onClose();
  }

  return (
    <dialog ref={ref} className={wide ? 'dialog wide' : 'dialog'} aria-labelledby={titleId} onKeyDown={onKeyDown} onCancel={onCancel}>
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
