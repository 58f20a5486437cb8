/**
 * The radio group of an offline policy: all messages, the last N days (with the day count),
 * headers only, and where it applies to one folder, "as the account".
 */
import { Fragment, useId } from 'react';
import type { PolicyChoice, PolicyFields } from './policy-form';

interface PolicyChoicesProps {
  legend: string;
  fields: PolicyFields;
  /** The label of the "inherit" choice, e.g. "Account default (Last 90 days)"; none offers no such choice. */
  inheritLabel?: string;
  error: string | undefined;
  onChange(fields: PolicyFields): void;
}

export function PolicyChoices({ legend, fields, inheritLabel, error, onChange }: PolicyChoicesProps) {
  const name = useId();
  const errorId = `${name}-error`;
  const choices: { value: PolicyChoice; label: string }[] = [
    ...(inheritLabel === undefined ? [] : [{ value: 'inherit' as const, label: inheritLabel }]),
    { value: 'all', label: 'All messages' },
    { value: 'recent', label: 'Only recent messages' },
    { value: 'headers', label: 'Headers only' },
  ];
  return (
    <fieldset className="offline-choices">
      <legend>{legend}</legend>
      {choices.map(({ value, label }) => (
        <Fragment key={value}>
          <label className="checkbox-row">
            <input type="radio" name={name} value={value} checked={fields.choice === value} onChange={() => onChange({ ...fields, choice: value })} />
            {label}
          </label>
          {value === 'recent' && (
            <label className="offline-days">
              Number of days
              <input
                type="text"
                inputMode="numeric"
                size={6}
                value={fields.days}
                disabled={fields.choice !== 'recent'}
                aria-invalid={Boolean(error)}
                aria-describedby={error ? errorId : undefined}
                onChange={(event) => onChange({ ...fields, days: event.target.value })}
              />
            </label>
          )}
        </Fragment>
      ))}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
