/**
 * The window's composer: at most one open at a time, started from the top bar (c), the
 * reader (r, a, f), or a saved draft. It also follows the outbox (`outbox.changed`), shows
 * "Undo" for the undo-send delay, and deletes a queued draft once its message can no longer
 * be called back.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { fromBase64 } from '../../../src-shared/base64';
import { parseMailto } from '../../../src-shared/mailto';
import type { Account, MessageHeader, MessageBody } from '../../../src-shared/model';
import type { OutboxEntry } from '../../../src-shared/outgoing';
import { tern } from '../../bridge/tern';
import { listAccounts } from '../../cache/queries';
import { useCache } from '../app/cache-context';
import { isNumber, usePreference } from '../app/use-preference';
import { errorMessage } from '../shared/error-message';
import { Composer } from './Composer';
import { draftFromMailto, draftFromMessage, identitiesOf, newDraft, serverDraftId, type Draft } from './draft';
import { deleteDraft, listDrafts, saveDraft } from './draft-store';
import { replyFields, replySubject, type ReplyMode } from './reply';
import { UndoSendBar } from './UndoSendBar';

export interface ComposerApi {
  compose(accountId: string): void;
  reply(header: MessageHeader, body: MessageBody | undefined, mode: ReplyMode): void;
  openDraft(draft: Draft): void;
  /** Forward with the original attached whole (message/rfc822), fetched from the server. */
  forwardAsAttachment(header: MessageHeader): void;
  /** Opens a draft saved on the server (by this or another machine) to continue it. */
  continueDraft(header: MessageHeader, body: MessageBody): void;
  /** A mailto: link (RFC 6068) as a new message from this account, or the first one; false when the link is unusable. */
  composeMailto(url: string, accountId: string | null): boolean;
  outbox: OutboxEntry[];
  undoDelaySeconds: number;
  setUndoDelaySeconds(seconds: number): void;
}

const ComposerContext = createContext<ComposerApi | null>(null);

/** Null outside a ComposerProvider (the reader then shows no reply buttons). */
export const useComposer = (): ComposerApi | null => useContext(ComposerContext);

export function ComposerProvider({ children }: { children: ReactNode }) {
  const { db, durable } = useCache();
  const accounts = useLiveQuery(() => listAccounts(db), [db]);
  const [open, setOpen] = useState<Draft | null>(null);
  const [outbox, setOutbox] = useState<OutboxEntry[]>([]);
  const [queued, setQueued] = useState<{ draft: Draft; outboxId: string; sendAt: number } | null>(null);
  const [undoDelaySeconds, setUndoDelaySeconds] = usePreference('undoSendSeconds', 5, isNumber);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const off = tern.on('outbox.changed', setOutbox);
    void tern.invoke('outbox.list', {}).then(setOutbox, () => undefined);
    return off;
  }, []);

  // A queued draft stays until its message is past undoing: then the outbox has it for good.
  useEffect(() => {
    void listDrafts(db).then(async (drafts) => {
      for (const draft of drafts) {
        if (!draft.outboxId) continue;
        const entry = outbox.find((e) => e.id === draft.outboxId);
        if (!entry || entry.attempts > 0 || entry.state !== 'waiting') await deleteDraft(durable, draft.id);
      }
    });
  }, [outbox, db, durable]);

  const accountOf = useCallback((id: string): Account | undefined => accounts?.find((a) => a.id === id), [accounts]);

  const api = useMemo<ComposerApi>(
    () => ({
      compose(accountId) {
        const account = accountOf(accountId);
        if (account) setOpen(newDraft(account, Date.now()));
      },
      reply(header, body, mode) {
        const account = accountOf(header.accountId);
        if (!account) return;
        const own = identitiesOf(account).map((i) => i.address);
        setOpen(newDraft(account, Date.now(), replyFields(header, body?.text ?? '', mode, own)));
      },
      openDraft: (draft) => setOpen(draft),
      forwardAsAttachment(header) {
        const account = accountOf(header.accountId);
        if (!account) return;
        setProblem(null);
        void tern.invoke('compose.original', { accountId: header.accountId, folderPath: header.folderPath, uid: header.uid }).then(
          ({ dataBase64 }) => {
            const data = new Blob([fromBase64(dataBase64) as Uint8Array<ArrayBuffer>], { type: 'message/rfc822' });
            const attachment = { id: crypto.randomUUID(), filename: `${safeName(header.subject)}.eml`, contentType: 'message/rfc822', size: data.size, data, contentId: null };
            setOpen(newDraft(account, Date.now(), { subject: replySubject(header.subject, 'forward'), attachments: [attachment] }));
          },
          (error: unknown) => setProblem(errorMessage(error)),
        );
      },
      composeMailto(url, accountId) {
        const mailto = parseMailto(url);
        const account = (accountId ? accountOf(accountId) : undefined) ?? accounts?.[0];
        if (!mailto || !account) return false;
        setOpen(draftFromMailto(account, Date.now(), mailto));
        return true;
      },
      continueDraft(header, body) {
        const account = accountOf(header.accountId);
        const id = serverDraftId(header);
        if (account && id) setOpen(newDraft(account, Date.now(), { id, ...draftFromMessage(header, body) }));
      },
      outbox,
      undoDelaySeconds,
      setUndoDelaySeconds,
    }),
    [accountOf, accounts, outbox, undoDelaySeconds, setUndoDelaySeconds],
  );

  // mailto: links the host could not hand to the page itself (Electron: a link in an HTML
  // message's sandboxed frame) arrive as an event.
  useEffect(() => tern.on('app.mailto', ({ url }) => void api.composeMailto(url, null)), [api]);

  async function undo(): Promise<void> {
    if (!queued) return;
    try {
      await tern.invoke('outbox.cancel', { id: queued.outboxId });
      const back = { ...queued.draft, outboxId: null };
      await saveDraft(durable, back);
      setQueued(null);
      setOpen(back);
    } catch (error) {
      setProblem(errorMessage(error));
      setQueued(null);
    }
  }

  const openAccount = open ? accountOf(open.accountId) : undefined;
  return (
    <ComposerContext value={api}>
      {children}
      {open && openAccount && (
        <Composer
          key={open.id}
          initial={open}
          account={openAccount}
          undoDelayMs={undoDelaySeconds * 1000}
          onClose={() => setOpen(null)}
          onQueued={(draft, outboxId, sendAt) => {
            setOpen(null);
            setQueued({ draft, outboxId, sendAt });
          }}
        />
      )}
      <UndoSendBar queued={queued} entry={outbox.find((e) => e.id === queued?.outboxId)} problem={problem} onUndo={() => void undo()} onDismiss={() => {
        setQueued(null);
        setProblem(null);
      }} />
    </ComposerContext>
  );
}

/** A file name from a subject: no path separators or control characters, not empty. */
function safeName(subject: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const cleaned = subject.replace(/[\\/\u0000-\u001f\u007f:*?"<>|]/g, ' ').trim().slice(0, 100);
  return cleaned || 'message';
}
