#!/usr/bin/env bash
# End-to-end tests use Debian's Chromium; a browser download cannot work here.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "cdcscope: /usr/bin/chromium is missing; install Debian's chromium package (apt-get install chromium)" >&2
  exit 1
fi
echo "cdcscope: installing Debian's chromium…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq chromium >/dev/null
[ -x /usr/bin/chromium ] || { echo "cdcscope: chromium did not install" >&2; exit 1; }
