/**
 * The search box's query on every IMAP account's server (issue #6: mail whose body is not
 * cached, and online accounts, are found there), once typing pauses: a server search per
 * keystroke would load the server for queries still being typed. Hits are read back from
 * the cache, where their headers already are (every folder's headers are synced); one the
 * cache does not hold yet is left out, and has:attachment, which IMAP cannot ask, is
 * answered from the cached header.
 */
import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { isEmptyQuery, parseSearchQuery, type SearchQuery } from '../../../src-shared/search-query';
import { tern } from '../../bridge/tern';
import type { TernDexie } from '../../cache/db';
import type { StoredMessage } from '../../cache/list-keys';
import { listAccounts } from '../../cache/queries';
import { errorMessage } from '../shared/error-message';
import { resultLimit } from './use-search';

const PAUSE_MS = 700;
/** The contract's bound on words per field. */
const MAX_WORDS = 20;

type Key = [string, string, number];

export interface ServerResults {
  searching: boolean;
  messages: StoredMessage[];
  /** Why an account's server could not be searched (offline, refused), in its words. */
  problems: string[];
}

const idle = { input: '', keys: [] as Key[], problems: [] as string[], searching: false };

const bounded = (query: SearchQuery): SearchQuery => ({
  ...query,
  words: query.words.slice(0, MAX_WORDS),
  from: query.from.slice(0, MAX_WORDS),
  to: query.to.slice(0, MAX_WORDS),
  subject: query.subject.slice(0, MAX_WORDS),
});

export function useServerSearch(db: TernDexie, input: string): ServerResults {
  const [state, setState] = useState(idle);

  useEffect(() => {
    const query = parseSearchQuery(input);
    if (isEmptyQuery(query)) {
      setState(idle);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      setState((s) => ({ ...s, searching: true }));
      void (async () => {
        const accounts = (await listAccounts(db)).filter((account) => account.incoming.protocol === 'imap');
        const answers = await Promise.allSettled(accounts.map((account) => tern.invoke('search.server', { accountId: account.id, query: bounded(query), limit: resultLimit })));
        const keys: Key[] = [];
        const problems: string[] = [];
        answers.forEach((answer, i) => {
          if (answer.status === 'rejected') problems.push(errorMessage(answer.reason));
          else for (const hit of answer.value.hits) keys.push([accounts[i]!.id, hit.folderPath, hit.uid]);
        });
        if (current) setState({ input, keys, problems, searching: false });
      })();
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [db, input]);

  const rows = useLiveQuery(async () => {
    const found = (await db.messages.bulkGet(state.keys)).filter((row): row is StoredMessage => row !== undefined);
    const query = parseSearchQuery(state.input);
    return query.hasAttachment ? found.filter((row) => row.hasAttachments === 1) : found;
  }, [db, state]);

  // Results of an earlier query are not shown under a new one.
  const fresh = state.input === input;
  return { searching: state.searching || !fresh, messages: fresh ? (rows ?? []) : [], problems: fresh ? state.problems : [] };
}
