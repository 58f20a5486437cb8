/** The quiet sentence a pane shows when it has nothing to show yet. */
import type { ReactNode } from 'react';

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty-state">{children}</p>;
}
