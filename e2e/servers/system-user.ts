import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';

export interface PosixAccount {
  name: string;
  uid: number;
  gid: number;
  /** Name of the primary group (dovecot settings take group names). */
  group: string;
}

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** The account this process runs as (used when Dovecot runs without root). */
export function currentAccount(): PosixAccount {
  const info = userInfo();
  return { name: info.username, uid: info.uid, gid: info.gid, group: groupName(info.gid) };
}

/** Looks an account up through NSS (getent), so it works beyond /etc/passwd too. */
export function lookupAccount(name: string): PosixAccount {
  let line: string;
  try {
    line = execFileSync('getent', ['passwd', name], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      `system user '${name}' is missing; the dovecot packages create it: run scripts/setup-test-deps.sh`,
    );
  }
  const [, , uid, gid] = line.split(':');
  return { name, uid: Number(uid), gid: Number(gid), group: groupName(Number(gid)) };
}

function groupName(gid: number): string {
  try {
    return execFileSync('getent', ['group', String(gid)], { encoding: 'utf8' }).split(':')[0] ?? String(gid);
  } catch {
    return String(gid);
  }
}

export interface DovecotAccounts {
  /** Owner of all mail files and uid/gid of the mail processes. */
  mail: PosixAccount;
  loginUser: string;
  internalUser: string;
  /** Not root: nothing can switch user or chroot, so everything runs as the current user. */
  rootless: boolean;
}

/** As root dovecot needs its own users (its login processes refuse to run as root). */
export function resolveDovecotAccounts(): DovecotAccounts {
  if (!isRoot()) {
    const me = currentAccount();
    return { mail: me, loginUser: me.name, internalUser: me.name, rootless: true };
  }
  const mail = lookupAccount('dovecot');
  return { mail, loginUser: lookupAccount('dovenull').name, internalUser: mail.name, rootless: false };
}
