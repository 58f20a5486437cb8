/**
 * Start-up of a window: open the cache and watch for its deletion under the window
 * (cache/cache-loss.ts), listen for account statuses, connect to the engine (serve the store
 * port, open every cached account; again after every reconnection), and render. Rendering
 * does not wait for the engine: the UI reads the cache, which is already here, so mail
 * shows at once even while the engine is slow or unreachable.
 *
 * The stylesheet is linked from index.html rather than imported here: the web tsconfig
 * has no declarations for CSS imports (TypeScript 6 checks side-effect imports).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { onEngineReconnect, tern } from './bridge/tern';
import { accountsRestoredAtStart, guardAgainstCacheLoss } from './cache/cache-loss';
import { openCache } from './cache/db';
import { AccountStatusProvider } from './features/accounts/account-status-context';
import { createAccountStatusStore } from './features/accounts/account-status-store';
import { App } from './features/app/App';
import { createCacheLossReports } from './features/app/cache-loss-reports';
import { CacheProvider } from './features/app/cache-context';
import { ComposerProvider } from './features/composer/composer-context';
import { createEngineConnection } from './features/app/engine-connection';

const cache = openCache();
// Subscribed before any account is opened, so the first status events are not missed.
const statuses = createAccountStatusStore(tern);
const cacheLoss = createCacheLossReports();
// A cache deleted under the window is refilled: its accounts and queued work put back, then
// the engine told again about every account, so it syncs all of it into the new database.
const lossGuard = guardAgainstCacheLoss(cache, (loss) => {
  cacheLoss.report(loss);
  void connect();
});
const connect = createEngineConnection(tern, cache, statuses, {
  guardStore: lossGuard.guardStore,
  onAccountsRestored: (accounts) => cacheLoss.report(accountsRestoredAtStart(accounts)),
});
void connect();
onEngineReconnect(() => void connect());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <CacheProvider cache={cache}>
      <AccountStatusProvider store={statuses}>
        <ComposerProvider>
          <App cacheLoss={cacheLoss} />
        </ComposerProvider>
      </AccountStatusProvider>
    </CacheProvider>
  </StrictMode>,
);
