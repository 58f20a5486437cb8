/**
 * A small coloured status line. It is a polite live region (role="status"), so a change
 * such as "Online" → "Error — Invalid credentials" is announced without moving focus.
 */
/** `warn`: working, with a problem to tell (online, but a folder could not be synced). */
export type BadgeTone = 'ok' | 'warn' | 'busy' | 'idle' | 'bad';

interface StatusBadgeProps {
  label: string;
  text: string;
  tone: BadgeTone;
}

export function StatusBadge({ label, text, tone }: StatusBadgeProps) {
  return (
    <span role="status" aria-label={label} className={`status-badge tone-${tone}`}>
      <span className="status-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
