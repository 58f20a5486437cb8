/** The top bar's "Add account" button and the dialog it opens. */
import { useState } from 'react';
import type { Account } from '../../../src-shared/model';
import { AddAccountDialog } from './AddAccountDialog';

export function AddAccountButton({ onAdded }: { onAdded(account: Account): void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button primary" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Add account
      </button>
      {open && (
        <AddAccountDialog
          onClose={() => setOpen(false)}
          onSaved={(account) => {
            setOpen(false);
            onAdded(account);
          }}
        />
      )}
    </>
  );
}
