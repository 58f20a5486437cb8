/**
 * Chooses where "Move to…" or "Copy to…" sends the open message: a select of its own
 * account's folders, with other accounts' folders in a group per account
 * (move-destinations.ts).
 */
import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { FormField } from '../../components/FormField';
import type { AccountFolder } from './message-operations';
import { destinationOf, destinationValue, type DestinationGroup } from './move-destinations';

interface MoveDialogProps {
  copy: boolean;
  groups: DestinationGroup[];
  onClose(): void;
  onMove(target: AccountFolder): void;
}

export function MoveDialog({ copy, groups, onClose, onMove }: MoveDialogProps) {
  const first = groups.find((g) => g.paths.length > 0);
  const [value, setValue] = useState(first ? destinationValue(first, first.paths[0]!) : '');
  const target = destinationOf(groups, value);
  // Another account's folders carry its name, which a closed select would not show otherwise.
  const options = (group: DestinationGroup, own: boolean) =>
    group.paths.map((path) => (
      <option key={path} value={destinationValue(group, path)}>
        {own ? path : `${path} (${group.accountName})`}
      </option>
    ));
  return (
    <Dialog title={copy ? 'Copy message' : 'Move message'} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (target) onMove(target);
        }}
      >
        <FormField label="Destination folder">
          {(control) => (
            <select {...control} value={value} onChange={(event) => setValue(event.target.value)}>
              {groups.map((group, i) =>
                i === 0 ? (
                  options(group, true)
                ) : (
                  <optgroup key={group.accountId} label={group.accountName}>
                    {options(group, false)}
                  </optgroup>
                ),
              )}
            </select>
          )}
        </FormField>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={!target}>
            {copy ? 'Copy' : 'Move'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
