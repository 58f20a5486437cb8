/**
 * One address field (To, Cc or Bcc): free text that takes pasted lists, suggestions from
 * the people in the cache for the piece being typed (a listbox, arrow keys and Enter), and
 * the pieces that are not addresses named under the field.
 */
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { OutgoingAddress } from '../../../src-shared/outgoing';
import { completeLastPiece, formatAddress, lastPiece, parseAddressField } from './address-field';
import { suggest } from './draft-store';

interface AddressInputProps {
  label: string;
  value: string;
  known: readonly OutgoingAddress[];
  onChange(value: string): void;
  /** Show problems (after a send attempt, or once the field lost focus). */
  checked: boolean;
}

export function AddressInput({ label, value, known, onChange, checked }: AddressInputProps) {
  const id = useId();
  const [focused, setFocused] = useState(false);
  const [active, setActive] = useState(0);
  const [touched, setTouched] = useState(false);
  const options = useMemo(() => (focused ? suggest(known, lastPiece(value)) : []), [focused, known, value]);
  const invalid = parseAddressField(value).invalid;
  const showInvalid = (checked || touched) && invalid.length > 0;

  function choose(address: OutgoingAddress): void {
    onChange(completeLastPiece(value, address));
    setActive(0);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (options.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
    } else if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      choose(options[Math.min(active, options.length - 1)]!);
    }
  }

  return (
    <div className="composer-field address-field">
      <label htmlFor={id}>{label}</label>
      <div className="address-input">
        <input
          id={id}
          type="text"
          role="combobox"
          aria-expanded={options.length > 0}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={options.length > 0 ? `${id}-opt-${Math.min(active, options.length - 1)}` : undefined}
          aria-invalid={showInvalid}
          aria-describedby={showInvalid ? `${id}-error` : undefined}
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(e) => {
            onChange(e.target.value);
            setActive(0);
          }}
          onFocus={() => setFocused(true)}
          onBlur={() => {
            setFocused(false);
            setTouched(value.trim() !== '');
          }}
          onKeyDown={onKeyDown}
        />
        {options.length > 0 && (
          <ul role="listbox" id={`${id}-list`} aria-label={`${label} suggestions`} className="address-suggestions">
            {options.map((address, i) => (
              <li
                key={address.address}
                id={`${id}-opt-${i}`}
                role="option"
                aria-selected={i === Math.min(active, options.length - 1)}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(address);
                }}
              >
                {formatAddress(address)}
              </li>
            ))}
          </ul>
        )}
      </div>
      {showInvalid && (
        <p id={`${id}-error`} className="field-error" role="alert">
          Not an email address: {invalid.join(', ')}
        </p>
      )}
    </div>
  );
}
