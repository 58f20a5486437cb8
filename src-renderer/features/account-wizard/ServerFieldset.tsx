/** One server's settings in the wizard, editable, with where discovery found them. */
import { securitySchema, type Security } from '../../../src-shared/model';
import { FormField } from '../../components/FormField';
import { editServer, withSecurity, type ServerFields } from './wizard-model';

const securityLabels: Record<Security, string> = { tls: 'TLS', starttls: 'STARTTLS', none: 'None (plaintext)' };

interface ServerFieldsetProps {
  /** "Incoming" or "Outgoing": prefixes every label so each control has a unique name. */
  role: 'Incoming' | 'Outgoing';
  protocol: 'imap' | 'pop3' | 'smtp';
  fields: ServerFields;
  /** Whether to say where each setting came from (the wizard does; a saved account's settings need not). */
  showSource?: boolean;
  onChange(fields: ServerFields): void;
}

export function ServerFieldset({ role, protocol, fields, showSource = true, onChange }: ServerFieldsetProps) {
  return (
    <fieldset className="form-box">
      <legend>
        {role} server ({protocol.toUpperCase()})
      </legend>
      {showSource && <p className="wizard-source">{fields.source ? `Found by: ${fields.source}` : 'Entered by you'}</p>}
      <FormField label={`${role} server`}>
        {(control) => (
          <input {...control} type="text" autoCapitalize="off" spellCheck={false} value={fields.host} onChange={(e) => onChange(editServer(fields, { host: e.target.value }))} />
        )}
      </FormField>
      <div className="form-row wizard-row">
        <FormField label={`${role} security`} hint={fields.security === 'none' ? 'Your password and mail cross the network unencrypted.' : undefined}>
          {(control) => (
            <select {...control} value={fields.security} onChange={(e) => onChange(withSecurity(fields, protocol, securitySchema.parse(e.target.value)))}>
              {securitySchema.options.map((security) => (
                <option key={security} value={security}>
                  {securityLabels[security]}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={`${role} port`}>
          {(control) => (
            <input {...control} type="number" min={1} max={65535} inputMode="numeric" value={fields.port} onChange={(e) => onChange(editServer(fields, { port: e.target.value }))} />
          )}
        </FormField>
      </div>
      <FormField label={`${role} user name`}>
        {(control) => (
          <input {...control} type="text" autoCapitalize="off" spellCheck={false} value={fields.user} onChange={(e) => onChange(editServer(fields, { user: e.target.value }))} />
        )}
      </FormField>
    </fieldset>
  );
}
