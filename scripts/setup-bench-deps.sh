#!/usr/bin/env bash
# Installs the Debian packages the benchmarks need: postfix (smtp-sink, smtp-source and the
# Postfix the relay is compared with), swaks, isync (mbsync, the IMAP benchmark's peer) and
# getmail6 (the POP3 benchmark's peer).
# The system Postfix daemon is not started: the benchmark runs a private instance on
# loopback. Quiet when everything is present.
set -euo pipefail

PACKAGES=(postfix swaks isync getmail6)
missing=()
for pkg in "${PACKAGES[@]}"; do
  [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" == "install ok installed" ]] || missing+=("$pkg")
done
((${#missing[@]} == 0)) && exit 0

if [[ "$(id -u)" -ne 0 ]]; then
  echo "setup-bench-deps: missing packages: ${missing[*]}" >&2
  echo "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
# Answer debconf up front so the postfix package installs without questions or a running MTA.
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
