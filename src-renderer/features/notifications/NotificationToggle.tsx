/**
 * New-mail notifications through the Notification API, which the web host's browser and
 * Electron's renderer (as native notifications) both provide. The browser asks for
 * permission only after a user gesture, so a button offers it while the choice is open;
 * once granted, mail arriving in an Inbox while the window is not focused is announced.
 */
import { useEffect, useState } from 'react';
import type { MessageHeader } from '../../../src-shared/model';
import { onCacheWrites } from '../../cache/write-feed';
import { useCache } from '../app/cache-context';
import { createNewMailDetector, notificationText } from './new-mail';

const supported = typeof Notification !== 'undefined';
const isHeader = (v: unknown): v is MessageHeader => typeof v === 'object' && v !== null && typeof (v as MessageHeader).uid === 'number' && Array.isArray((v as MessageHeader).from);

function useNewMailNotifications(): void {
  const { db } = useCache();
  useEffect(() => {
    const detector = createNewMailDetector();
    let stopped = false;
    // What is cached already is not news: learn each Inbox's highest UID first.
    void db.accounts.toArray().then(async (accounts) => {
      for (const { id } of accounts) {
        const last = await db.messages.where('[accountId+folderPath+uid]').between([id, 'INBOX', 0], [id, 'INBOX', Infinity]).last();
        if (last) detector.know(id, last.uid);
      }
    });
    const stop = onCacheWrites(db.name, (write) => {
      if (stopped || write.table !== 'messages' || write.type !== 'put') return;
      const fresh = detector.observe(write.values.filter(isHeader));
      if (fresh.length === 0 || !supported || Notification.permission !== 'granted' || document.hasFocus()) return;
      const { title, body } = notificationText(fresh);
      new Notification(title, { body, tag: 'tern-new-mail' });
    });
    return () => {
      stopped = true;
      stop();
    };
  }, [db]);
}

export function NotificationToggle() {
  useNewMailNotifications();
  const [permission, setPermission] = useState(supported ? Notification.permission : 'denied');
  if (permission !== 'default') return null;
  return (
    <button type="button" className="button" onClick={() => void Notification.requestPermission().then(setPermission)}>
      Enable notifications
    </button>
  );
}
