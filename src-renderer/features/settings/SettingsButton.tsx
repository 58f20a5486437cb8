/**
 * The top bar's "Settings" button and its dialog: reading (when an opened message becomes
 * read), and the embedded relay (on/off, listen address, delivery mode), its live queue,
 * and which accounts send through it.
 */
import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { AccountRelayToggles } from './AccountRelayToggles';
import { ReadingSettings } from './ReadingSettings';
import { RelayQueueView } from './RelayQueueView';
import { RelaySettingsForm } from './RelaySettingsForm';
import { useRelay } from './use-relay';

export function SettingsButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Settings
      </button>
      {open && <SettingsDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function SettingsDialog({ onClose }: { onClose(): void }) {
  const { overview, problem } = useRelay();
  const running = overview?.status.state === 'running';
  return (
    <Dialog title="Settings" onClose={onClose}>
      <section aria-label="Reading" className="settings-section">
        <h3>Reading</h3>
        <ReadingSettings />
      </section>
      <section aria-label="Embedded relay" className="settings-section">
        <h3>Embedded relay</h3>
        {problem && <p role="alert">{problem}</p>}
        {overview ? <RelaySettingsForm overview={overview} /> : !problem && <p className="muted">Loading…</p>}
        {overview && <RelayQueueView queue={overview.queue} running={running} />}
        {overview && <AccountRelayToggles relayRunning={running} />}
      </section>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
