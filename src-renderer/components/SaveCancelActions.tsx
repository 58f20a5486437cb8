/** A settings dialog's closing row: Cancel, then Save (the form's submit; disabled while it works). */
export function SaveCancelActions({ onCancel, busy }: { onCancel(): void; busy: boolean }) {
  return (
    <div className="dialog-actions">
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="button primary" disabled={busy}>
        Save
      </button>
    </div>
  );
}
