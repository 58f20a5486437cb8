/** The Settings dialog's Reading section: when an opened message becomes read. */
import { FormField } from '../../components/FormField';
import { usePreference } from '../app/use-preference';
import { isMarkReadWhen, MARK_READ_DEFAULT, MARK_READ_PREFERENCE, markReadChoices } from '../message-actions/mark-read-on-open';

export function ReadingSettings() {
  const [when, setWhen] = usePreference(MARK_READ_PREFERENCE, MARK_READ_DEFAULT, isMarkReadWhen);
  return (
    <FormField label="Mark a message as read" hint="Applies from the next message you open.">
      {(control) => (
        <select
          {...control}
          value={when}
          onChange={(event) => {
            if (isMarkReadWhen(event.target.value)) setWhen(event.target.value);
          }}
        >
          {markReadChoices.map(({ value, label }) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
