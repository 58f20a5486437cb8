/**
 * What surrounds a check of an account's servers, in the wizard and in an account's
 * settings alike: the consent to unencrypted connections, then each server's outcome (with
 * "trust this certificate") and a failure to check at all.
 */
import type { VerifyResult } from '../../../src-shared/account-setup';
import { VerifyReport } from './VerifyReport';

export function PlaintextConsent({ checked, onChange }: { checked: boolean; onChange(checked: boolean): void }) {
  return (
    <label className="wizard-consent">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      Allow unencrypted connections to these servers
    </label>
  );
}

export function CheckOutcome({ result, failure, onTrust }: { result: VerifyResult | null; failure: string | null; onTrust(pem: string): void }) {
  return (
    <>
      {result && <VerifyReport role="Incoming" outcome={result.incoming} onTrust={onTrust} />}
      {result?.smtp && <VerifyReport role="Outgoing" outcome={result.smtp} onTrust={onTrust} />}
      {failure && (
        <p role="alert" className="form-alert">
          {failure}
        </p>
      )}
    </>
  );
}
