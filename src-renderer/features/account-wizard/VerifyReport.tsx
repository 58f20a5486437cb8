/**
 * The outcome of verifying one server. An untrusted certificate is shown with what the
 * user needs to compare it against their provider's (subject, issuer, validity, SHA-256
 * fingerprint) and a button to trust that exact certificate.
 */
import { useEffect, useRef } from 'react';
import type { VerifyOutcome } from '../../../src-shared/account-setup';
import { outcomeText } from './wizard-model';

interface VerifyReportProps {
  role: 'Incoming' | 'Outgoing';
  outcome: VerifyOutcome;
  onTrust(pem: string): void;
}

export function VerifyReport({ role, outcome, onTrust }: VerifyReportProps) {
  const ok = outcome.kind === 'ok';
  const ref = useRef<HTMLElement>(null);
  // The report appears below the settings, often out of view in the dialog: bring a problem into sight.
  useEffect(() => {
    if (!ok) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [ok, outcome]);
  return (
    <section ref={ref} className={`wizard-outcome ${ok ? 'good' : 'bad'}`} aria-label={`${role} server check`}>
      <p role={ok ? 'status' : 'alert'}>
        <strong>{role} server:</strong> {outcomeText(outcome)}
      </p>
      {outcome.kind === 'certificate-untrusted' && (
        <>
          <dl className="wizard-certificate" aria-label={`${role} server certificate`}>
            <dt>Subject</dt>
            <dd>{outcome.certificate.subject}</dd>
            <dt>Issuer</dt>
            <dd>{outcome.certificate.issuer}</dd>
            <dt>Valid</dt>
            <dd>
              {outcome.certificate.validFrom} – {outcome.certificate.validTo}
            </dd>
            <dt>SHA-256 fingerprint</dt>
            <dd className="wizard-fingerprint">{outcome.certificate.fingerprint}</dd>
          </dl>
          {outcome.certificate.trustable ? (
            <button type="button" className="button" onClick={() => onTrust(outcome.certificate.pem)}>
              Trust this certificate ({role.toLowerCase()} server)
            </button>
          ) : (
            <p>Trusting this certificate here would not make it valid: check the server name, or ask your provider.</p>
          )}
        </>
      )}
    </section>
  );
}
