/**
 * The relay's settings, state and queue, kept current: read once with `relay.get`, then
 * followed through the `relay.status` and `relay.queue` events.
 */
import { useCallback, useEffect, useState } from 'react';
import type { RelayOverview } from '../../../src-shared/relay-settings';
import { tern } from '../../bridge/tern';
import { errorMessage } from '../shared/error-message';

export function useRelay(): { overview: RelayOverview | null; problem: string | null; reload(): void } {
  const [overview, setOverview] = useState<RelayOverview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const reload = useCallback(() => {
    tern.invoke('relay.get', {}).then(
      (value) => {
        setOverview(value);
        setProblem(null);
      },
      (error: unknown) => setProblem(errorMessage(error)),
    );
  }, []);

  useEffect(() => {
    // Subscribed before the first read, so no change between the two is missed.
    const offStatus = tern.on('relay.status', (status) => setOverview((o) => o && { ...o, status }));
    const offQueue = tern.on('relay.queue', (queue) => setOverview((o) => o && { ...o, queue }));
    reload();
    return () => {
      offStatus();
      offQueue();
    };
  }, [reload]);

  return { overview, problem, reload };
}
