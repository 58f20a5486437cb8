/** Where discovery stands, one line per source, announced politely to screen readers. */
import { discoverySteps, stepLabels, stepStateText, type StepProgress } from './wizard-model';

export function DiscoveryProgressList({ progress }: { progress: StepProgress }) {
  return (
    <ul className="wizard-progress" aria-label="Looking for your servers" aria-live="polite">
      {discoverySteps.map((step) => (
        <li key={step} data-state={progress[step]?.state ?? 'waiting'}>
          {stepLabels[step]}: {stepStateText(progress[step]?.state)}
        </li>
      ))}
    </ul>
  );
}
