/** The single-key shortcuts of the message actions (Gmail's letters, which mail users know). */
import type { MessageAction } from './message-operations';

const keys: Readonly<Record<string, MessageAction>> = { e: 'archive', '#': 'delete', u: 'toggle-read', s: 'toggle-flag' };

export function actionForKey(key: string): MessageAction | null {
  return Object.hasOwn(keys, key) ? keys[key]! : null;
}
