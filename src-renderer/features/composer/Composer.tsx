/**
 * The composer: From (the account's identities), To/Cc/Bcc, subject, a rich or plain body,
 * attachments (picker, drop, paste; images pasted into the rich body go inline). It saves
 * the draft to the cache a moment after every change, and a changed draft to the server's
 * Drafts folder every minute while open and when it closes; Escape saves and closes;
 * Ctrl/Cmd+Enter sends, which stages the attachments in the main process and queues the
 * message durably before the composer closes.
 */
import type { Editor } from '@tiptap/react';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Account } from '../../../src-shared/model';
import type { OutgoingAddress } from '../../../src-shared/outgoing';
import { tern } from '../../bridge/tern';
import { Dialog } from '../../components/Dialog';
import { useCache } from '../app/cache-context';
import { errorMessage } from '../shared/error-message';
import { AddressInput } from './AddressInput';
import { AttachmentList } from './AttachmentList';
import { draftProblems, identitiesOf, textToHtml, toOutgoing, withSignature, type Draft, type DraftAttachment } from './draft';
import { deleteDraft, knownAddresses, saveDraft } from './draft-store';
import { htmlToText } from './html-to-text';
import { htmlForEditor, htmlForMessage, revokeAll, type ObjectUrls } from './inline-images';
import { RichBody } from './RichBody';
import { ServerDraftSaves } from './server-draft-saves';
import { stageAttachments } from './stage-attachments';

/** Autosave this long after the last change (the issue asks for within 2 s). */
const AUTOSAVE_MS = 800;
/**
 * A changed draft goes to the server this often while the composer is open, so another
 * machine finds the latest text without this one closing it (Thunderbird's default is five
 * minutes; each save is a whole new version, attachments included).
 */
const SERVER_SAVE_MS = 60_000;

interface ComposerProps {
  initial: Draft;
  account: Account;
  undoDelayMs: number;
  onClose(): void;
  onQueued(draft: Draft, outboxId: string, sendAt: number): void;
}

export function Composer({ initial, account, undoDelayMs, onClose, onQueued }: ComposerProps) {
  const { db, durable } = useCache();
  const urls = useRef<ObjectUrls>(new Map());
  const [draft, setDraft] = useState<Draft>(() => ({ ...initial, html: htmlForEditor(initial.html, initial.attachments, urls.current) }));
  const [known, setKnown] = useState<OutgoingAddress[]>([]);
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [later, setLater] = useState('');
  const editor = useRef<Editor | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const latest = useRef(draft);
  latest.current = draft;
  const ids = { subject: useId(), from: useId(), later: useId() };

  const forStorage = useCallback((d: Draft): Draft => ({ ...d, html: htmlForMessage(d.html, urls.current), updatedAt: Date.now() }), []);
  // Even the version it opened with is saved once: a draft kept in the cache while offline
  // may never have reached the server (an empty one is never saved).
  const [serverSaves] = useState(() => new ServerDraftSaves<Draft>((d) => saveOnServer(forStorage(d)), null));

  useEffect(() => void knownAddresses(db, account.id).then(setKnown), [db, account.id]);
  useEffect(() => {
    const timer = setTimeout(() => void saveDraft(durable, forStorage(draft)), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [draft, durable, forStorage]);
  useEffect(() => {
    const timer = setInterval(() => {
      if (!isEmpty(latest.current)) serverSaves.saveIfChanged(latest.current);
    }, SERVER_SAVE_MS);
    return () => clearInterval(timer);
  }, [serverSaves]);
  useEffect(() => {
    const objectUrls = urls.current;
    return () => revokeAll(objectUrls);
  }, []);

  const change = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const identities = identitiesOf(account);
  const problems = draftProblems(draft);
  const hasProblems = problems.noRecipient || problems.to.length + problems.cc.length + problems.bcc.length > 0;

  // The signature follows the chosen From address.
  function changeFrom(address: string): void {
    const signatureOf = (a: string) => identities.find((i) => i.address === a)?.signature ?? '';
    const current = latest.current;
    const body = withSignature(current, signatureOf(current.fromAddress), signatureOf(address));
    // The rich editor keeps its own document: it is told, without echoing back as an edit.
    if (current.format === 'rich' && body.html !== current.html) editor.current?.commands.setContent(body.html, { emitUpdate: false });
    change({ fromAddress: address, ...body });
  }

  const addFiles = useCallback((files: File[], inline: boolean) => {
    const added: DraftAttachment[] = files.map((file) => ({
      id: crypto.randomUUID(),
      filename: file.name || 'attachment',
      contentType: file.type || 'application/octet-stream',
      size: file.size,
      data: file,
      contentId: inline && latest.current.format === 'rich' && file.type.startsWith('image/') ? `${crypto.randomUUID()}@tern` : null,
    }));
    for (const a of added) {
      if (!a.contentId) continue;
      const url = URL.createObjectURL(a.data);
      urls.current.set(a.contentId, url);
      editor.current?.chain().focus().setImage({ src: url, alt: a.filename }).run();
    }
    setDraft((d) => ({ ...d, attachments: [...d.attachments, ...added] }));
  }, []);

  function removeAttachment(id: string): void {
    setDraft((d) => ({ ...d, attachments: d.attachments.filter((a) => a.id !== id) }));
  }

  async function saveAndClose(): Promise<void> {
    const current = latest.current;
    await saveDraft(durable, forStorage(current));
    onClose();
    // Then a copy in the server's Drafts folder, to continue elsewhere; the cache already
    // holds the draft, so a failure here (offline) loses nothing.
    if (!isEmpty(current)) serverSaves.saveIfChanged(current);
  }

  async function saveOnServer(stored: Draft): Promise<void> {
    const blobIds = await stageAttachments(stored.attachments);
    const { text, html } = bodies(stored);
    await tern.invoke('draft.save', { accountId: account.id, draftId: stored.id, message: toOutgoing(stored, account, text, html, blobIds) });
  }

  async function discard(): Promise<void> {
    await deleteDraft(durable, draft.id);
    onClose();
    // After a save still running, which would otherwise put a version back.
    await serverSaves.stop();
    void tern.invoke('draft.remove', { accountId: account.id, draftId: draft.id }).catch(() => undefined);
  }

  async function send(sendAt: number): Promise<void> {
    setChecked(true);
    if (hasProblems || busy) return;
    setFailure(null);
    setBusy('Queuing…');
    try {
      // Sending removes the draft from the server: a save still running must land first.
      await serverSaves.stop();
      const stored = forStorage(latest.current);
      // Inline images whose picture was deleted from the body are not sent.
      const attachments = stored.attachments.filter((a) => !a.contentId || stored.html.includes(`cid:${a.contentId}`));
      const message = { ...stored, attachments };
      const { text, html } = bodies(message);
      const blobIds = await stageAttachments(attachments);
      const { id } = await tern.invoke('outbox.queue', {
        accountId: account.id,
        message: toOutgoing(message, account, text, html, blobIds),
        sendAt,
        draftId: message.id,
      });
      const queued = { ...message, outboxId: id };
      await saveDraft(durable, queued);
      onQueued(queued, id, sendAt);
    } catch (error) {
      serverSaves.resume();
      setFailure(errorMessage(error));
      setBusy(null);
    }
  }

  function switchFormat(): void {
    if (draft.format === 'rich') change({ format: 'plain', text: htmlToText(htmlForMessage(draft.html, urls.current)) });
    else change({ format: 'rich', html: textToHtml(draft.text) });
  }

  // On the window in the capture phase, so Ctrl/Cmd+Enter sends wherever focus is in the
  // dialog, and before the editor would take it as a line break (tiptap's Mod-Enter).
  // Escape likewise: the rich-text editor keeps it from reaching the dialog's cancel.
  const sendNow = useRef(() => undefined as unknown);
  sendNow.current = () => void send(Date.now() + undoDelayMs);
  const closeNow = useRef(() => undefined as unknown);
  closeNow.current = () => void saveAndClose();
  useEffect(() => {
    function onKeyDown(event: globalThis.KeyboardEvent): void {
      const action = event.key === 'Escape' ? closeNow : event.key === 'Enter' && (event.ctrlKey || event.metaKey) ? sendNow : null;
      if (!action) return;
      event.preventDefault();
      event.stopPropagation();
      action.current();
    }
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);

  const title = useMemo(() => (initial.inReplyTo ? 'Reply' : 'New message'), [initial.inReplyTo]);

  return (
    <Dialog title={title} onClose={() => void saveAndClose()}>
      <div
        className="composer"
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => {
          if (e.defaultPrevented || e.dataTransfer.files.length === 0) return;
          e.preventDefault();
          addFiles([...e.dataTransfer.files], false);
        }}
        onPaste={(e) => {
          if (e.defaultPrevented || e.clipboardData.files.length === 0) return;
          e.preventDefault();
          addFiles([...e.clipboardData.files], false);
        }}
      >
        <div className="composer-field">
          <label htmlFor={ids.from}>From</label>
          <select id={ids.from} value={draft.fromAddress} onChange={(e) => changeFrom(e.target.value)}>
            {identities.map((i) => (
              <option key={i.address} value={i.address}>
                {i.name ? `${i.name} <${i.address}>` : i.address}
              </option>
            ))}
          </select>
        </div>
        <AddressInput label="To" value={draft.to} known={known} checked={checked} onChange={(to) => change({ to })} />
        <AddressInput label="Cc" value={draft.cc} known={known} checked={checked} onChange={(cc) => change({ cc })} />
        <AddressInput label="Bcc" value={draft.bcc} known={known} checked={checked} onChange={(bcc) => change({ bcc })} />
        <div className="composer-field">
          <label htmlFor={ids.subject}>Subject</label>
          <input id={ids.subject} type="text" value={draft.subject} onChange={(e) => change({ subject: e.target.value.replace(/[\r\n]+/g, ' ') })} />
        </div>
        <div className="composer-format">
          <button type="button" className="button small" aria-pressed={draft.format === 'plain'} onClick={switchFormat}>
            Plain text
          </button>
          <button type="button" className="button small" onClick={() => fileInput.current?.click()}>
            Attach files
          </button>
          <input
            ref={fileInput}
            type="file"
            multiple
            hidden
            aria-label="Files to attach"
            onChange={(e) => {
              addFiles([...(e.target.files ?? [])], false);
              e.target.value = '';
            }}
          />
        </div>
        {draft.format === 'rich' ? (
          <RichBody html={draft.html} onChange={(html) => change({ html })} onFiles={addFiles} onEditor={(e) => (editor.current = e)} />
        ) : (
          <textarea className="composer-plain" aria-label="Message body" value={draft.text} onChange={(e) => change({ text: e.target.value })} />
        )}
        <AttachmentList attachments={draft.attachments.filter((a) => !a.contentId)} onRemove={removeAttachment} />
        {checked && problems.noRecipient && (
          <p role="alert" className="field-error">
            Add at least one recipient.
          </p>
        )}
        {failure && (
          <p role="alert" className="field-error">
            {failure}
          </p>
        )}
        <div className="composer-actions">
          <button type="button" className="button primary" aria-keyshortcuts="Control+Enter Meta+Enter" disabled={busy !== null} onClick={() => void send(Date.now() + undoDelayMs)}>
            {busy ?? 'Send'}
          </button>
          <label htmlFor={ids.later}>Send at</label>
          <input id={ids.later} type="datetime-local" value={later} onChange={(e) => setLater(e.target.value)} />
          <button type="button" className="button" disabled={later === '' || busy !== null} onClick={() => void send(new Date(later).getTime())}>
            Send later
          </button>
          <span className="spacer" />
          <button type="button" className="button" aria-keyshortcuts="Escape" onClick={() => void saveAndClose()}>
            Save draft and close
          </button>
          <button type="button" className="button" onClick={() => void discard()}>
            Discard
          </button>
        </div>
      </div>
    </Dialog>
  );
}

function bodies(draft: Draft): { text: string; html: string | null } {
  return draft.format === 'rich' ? { text: htmlToText(draft.html), html: draft.html } : { text: draft.text, html: null };
}

function isEmpty(draft: Draft): boolean {
  return draft.to + draft.cc + draft.bcc + draft.subject === '' && draft.attachments.length === 0 && htmlToText(draft.html).trim() === '' && draft.text.trim() === '';
}
