/** The account row's "Offline…" button, opening the account's offline settings (IMAP accounts only). */
import { useState } from 'react';
import type { Account } from '../../../src-shared/model';
import { AccountOfflineDialog } from './AccountOfflineDialog';

export function AccountOfflineButton({ account }: { account: Account }) {
  const [open, setOpen] = useState(false);
  if (account.incoming.protocol !== 'imap') return null;
  return (
    <>
      <button type="button" className="button small" aria-haspopup="dialog" aria-label={`Offline settings for ${account.name}`} onClick={() => setOpen(true)}>
        Offline…
      </button>
      {open && <AccountOfflineDialog account={account} onClose={() => setOpen(false)} />}
    </>
  );
}
