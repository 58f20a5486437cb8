/** The top bar's "Add account" button: the setup wizard, and from it the manual form. */
import { useState } from 'react';
import type { Account } from '../../../src-shared/model';
import { AccountWizardDialog } from '../account-wizard/AccountWizardDialog';
import { AddAccountDialog } from './AddAccountDialog';

export function AddAccountButton({ onAdded }: { onAdded(account: Account): void }) {
  const [open, setOpen] = useState<'wizard' | 'manual' | null>(null);
  const saved = (account: Account): void => {
    setOpen(null);
    onAdded(account);
  };
  return (
    <>
      <button type="button" className="button primary" aria-haspopup="dialog" onClick={() => setOpen('wizard')}>
        Add account
      </button>
      {open === 'wizard' && <AccountWizardDialog onClose={() => setOpen(null)} onSaved={saved} onManual={() => setOpen('manual')} />}
      {open === 'manual' && <AddAccountDialog onClose={() => setOpen(null)} onSaved={saved} />}
    </>
  );
}
