#!/usr/bin/env bash
# Installs the Debian packages the integration and end-to-end tests need:
#   dovecot (IMAP + POP3) for e2e/servers, openssl for its per-run certificates,
#   chromium and a font for the browser specs and their screenshots,
#   swaks for the relay spec (a local program submitting to the embedded relay),
#   postfix and dovecot-lmtpd for the send round trip through Postfix into Dovecot by LMTP
#   (private instances in temp dirs; the system services are never configured or started).
# Quiet when everything is present. As root it installs what is missing; otherwise it prints
# the command to run and exits non-zero.
set -euo pipefail

PACKAGES=(dovecot-imapd dovecot-pop3d dovecot-lmtpd postfix openssl chromium fonts-dejavu-core swaks)
# Dovecot's login and internal processes run as these; the dovecot packages create them.
SYSTEM_USERS=(dovecot dovenull)

is_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

missing=()
for pkg in "${PACKAGES[@]}"; do
  is_installed "$pkg" || missing+=("$pkg")
done

if ((${#missing[@]} > 0)); then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-test-deps: missing packages (${missing[*]}) and no apt-get; install their equivalents by hand." >&2
    exit 1
  fi
  if [[ "$(id -u)" -ne 0 ]]; then
    echo "setup-test-deps: missing packages: ${missing[*]}" >&2
    echo "Install them with:" >&2
    echo "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  echo "setup-test-deps: installing ${missing[*]}"
  apt-get update
  # Postfix installs without questions and without a configured system MTA.
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  if [[ " ${missing[*]} " == *" dovecot-"* ]] && command -v systemctl >/dev/null 2>&1 &&
    systemctl is-active --quiet dovecot 2>/dev/null; then
    # The tests start their own private instances; the system service is not needed.
    echo "setup-test-deps: note: the system dovecot service is running; 'systemctl disable --now dovecot' stops it."
  fi
fi

for user in "${SYSTEM_USERS[@]}"; do
  getent passwd "$user" >/dev/null && continue
  if [[ "$(id -u)" -ne 0 ]]; then
    echo "setup-test-deps: system user '$user' is missing; run this script as root to create it." >&2
    exit 1
  fi
  # Same shape as the packages create: system account with its own group, no login, no home.
  useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$user"
  echo "setup-test-deps: created system user $user"
done
