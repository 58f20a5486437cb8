/** What the panes pass between them: which folder is shown and which message is open. */
export interface FolderRef {
  accountId: string;
  folderPath: string;
}

export interface MessageRef extends FolderRef {
  uid: number;
}

/** A stable string for React keys, built so that no two different refs can collide. */
export function refKey(ref: FolderRef | MessageRef): string {
  return JSON.stringify([ref.accountId, ref.folderPath, 'uid' in ref ? ref.uid : null]);
}
