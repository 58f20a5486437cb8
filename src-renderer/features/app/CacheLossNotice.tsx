/**
 * A notice across the window after the cache was deleted under it (cache/cache-loss.ts):
 * an alert, so a screen reader announces it, that stays until dismissed.
 */
import { useSyncExternalStore } from 'react';
import type { CacheLossReports } from './cache-loss-reports';
import { cacheLossText } from './cache-loss-text';

export function CacheLossNotice({ reports }: { reports: CacheLossReports }) {
  const loss = useSyncExternalStore(reports.subscribe, reports.current);
  if (!loss) return null;
  return (
    <div className="cache-loss" role="alert" aria-labelledby="cache-loss-title">
      <h2 id="cache-loss-title">The local cache was deleted</h2>
      {cacheLossText(loss).map((line) => (
        <p key={line}>{line}</p>
      ))}
      <button type="button" className="button" onClick={reports.dismiss}>
        Dismiss
      </button>
    </div>
  );
}
