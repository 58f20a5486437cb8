/** The account's further From addresses, each with its name, Reply-To and signature; added and removed in place. */
import { FormField } from '../../components/FormField';
import { blankIdentity, type IdentityFields } from './settings-model';

interface IdentityEditorProps {
  identities: IdentityFields[];
  onChange(identities: IdentityFields[]): void;
}

export function IdentityEditor({ identities, onChange }: IdentityEditorProps) {
  const update = (index: number, patch: Partial<IdentityFields>) => onChange(identities.map((identity, i) => (i === index ? { ...identity, ...patch } : identity)));
  return (
    <fieldset className="form-box identity-list">
      <legend>Other addresses you send from</legend>
      {identities.length === 0 && <p className="muted small">None: mail goes out from the account’s own address.</p>}
      {identities.map((identity, index) => {
        // Labels carry the number, so every control has its own accessible name.
        const n = index + 2;
        return (
          <fieldset key={index} className="form-box identity-item" aria-label={`Identity ${n}`}>
            <FormField label={`Identity ${n} name`}>
              {(control) => <input {...control} type="text" value={identity.name} onChange={(e) => update(index, { name: e.target.value })} />}
            </FormField>
            <FormField label={`Identity ${n} address`}>
              {(control) => <input {...control} type="email" value={identity.address} onChange={(e) => update(index, { address: e.target.value })} />}
            </FormField>
            <FormField label={`Identity ${n} Reply-To`} hint="Where replies go, if not to this address.">
              {(control) => <input {...control} type="email" value={identity.replyTo} onChange={(e) => update(index, { replyTo: e.target.value })} />}
            </FormField>
            <FormField label={`Identity ${n} signature`}>
              {(control) => <textarea {...control} rows={3} value={identity.signature} onChange={(e) => update(index, { signature: e.target.value })} />}
            </FormField>
            <button type="button" className="button small" onClick={() => onChange(identities.filter((_, i) => i !== index))}>
              Remove identity {n}
            </button>
          </fieldset>
        );
      })}
      <button type="button" className="button small" onClick={() => onChange([...identities, blankIdentity()])}>
        Add an address
      </button>
    </fieldset>
  );
}
