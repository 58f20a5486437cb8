/**
 * Reply, Reply all and Forward for the open message, with their single keys (r, a, f).
 * Continue draft and Forward wait for the message's text: started before it is downloaded
 * they would begin empty, and a draft continued empty replaces the one on the server.
 */
import { useEffect, useRef } from 'react';
import type { MessageBody, MessageHeader } from '../../../src-shared/model';
import { isEditing } from '../app/shortcut-keys';
import { useComposer } from './composer-context';
import { serverDraftId } from './draft';
import type { ReplyMode } from './reply';

const KEYS: Record<string, ReplyMode> = { r: 'reply', a: 'replyAll', f: 'forward' };

export function ReplyActions({ header, body }: { header: MessageHeader; body: MessageBody | undefined }) {
  const composer = useComposer();
  const latest = useRef({ header, body, composer });
  latest.current = { header, body, composer };

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      const mode = KEYS[event.key];
      if (!mode || event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || isEditing(event.target)) return;
      if (needsBody(mode) && latest.current.body === undefined) return;
      event.preventDefault();
      latest.current.composer?.reply(latest.current.header, latest.current.body, mode);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  if (!composer) return null;
  const waiting = body === undefined ? 'Waiting for the message text' : undefined;
  const button = (label: string, mode: ReplyMode, key: string) => (
    <button
      type="button"
      className="button small"
      aria-keyshortcuts={key}
      disabled={needsBody(mode) && body === undefined}
      title={needsBody(mode) ? waiting : undefined}
      onClick={() => composer.reply(header, body, mode)}
    >
      {label}
    </button>
  );
  return (
    <div role="group" aria-label="Respond" className="reply-actions">
      {serverDraftId(header) && (
        <button type="button" className="button small primary" disabled={body === undefined} title={waiting} onClick={() => body && composer.continueDraft(header, body)}>
          Continue draft
        </button>
      )}
      {button('Reply', 'reply', 'r')}
      {button('Reply all', 'replyAll', 'a')}
      {button('Forward', 'forward', 'f')}
      <button type="button" className="button small" onClick={() => composer.forwardAsAttachment(header)}>
        Forward as attachment
      </button>
    </div>
  );
}

/** A reply can go without the quoted text; a forward is nothing without it. */
function needsBody(mode: ReplyMode): boolean {
  return mode === 'forward';
}
