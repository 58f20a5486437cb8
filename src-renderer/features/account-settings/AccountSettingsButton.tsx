/** The account row's "Edit…" button, opening the account's settings. */
import { useState } from 'react';
import type { Account } from '../../../src-shared/model';
import { AccountSettingsDialog } from './AccountSettingsDialog';

export function AccountSettingsButton({ account }: { account: Account }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button small" aria-haspopup="dialog" aria-label={`Edit ${account.name}`} onClick={() => setOpen(true)}>
        Edit…
      </button>
      {open && <AccountSettingsDialog account={account} onClose={() => setOpen(false)} />}
    </>
  );
}
