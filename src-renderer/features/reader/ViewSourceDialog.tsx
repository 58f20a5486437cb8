/**
 * "View source": the raw message as the server holds it, fetched on demand (the cache keeps
 * the parsed body, not the bytes), cut at the engine's limit and saying so.
 */
import { useEffect, useState } from 'react';
import type { CommandResult } from '../../../src-shared/contract';
import { tern } from '../../bridge/tern';
import { Dialog } from '../../components/Dialog';
import { errorMessage } from '../shared/error-message';
import { formatSize } from '../shared/format-size';
import type { MessageRef } from '../shared/refs';

export function ViewSourceDialog({ message, onClose }: { message: MessageRef; onClose(): void }) {
  const [source, setSource] = useState<{ raw: CommandResult<'message.source'> } | { failure: string } | null>(null);
  const { accountId, folderPath, uid } = message;

  useEffect(() => {
    let current = true;
    tern.invoke('message.source', { accountId, folderPath, uid }).then(
      (raw) => current && setSource({ raw }),
      (error: unknown) => current && setSource({ failure: errorMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, [accountId, folderPath, uid]);

  return (
    <Dialog title="Message source" onClose={onClose} wide>
      {source === null && <p className="muted">Loading the source from the server…</p>}
      {source && 'failure' in source && <p role="alert">{source.failure}</p>}
      {source && 'raw' in source && (
        <>
          {source.raw.truncated && (
            <p role="note" className="notice">
              Only the beginning is shown: the message is {formatSize(source.raw.size)}.
            </p>
          )}
          <pre className="message-source" aria-label="Raw message" tabIndex={0}>
            {source.raw.text}
          </pre>
        </>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
