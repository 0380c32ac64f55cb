#!/usr/bin/env bash
# Makes sure the browser the page tests drive is installed: Debian's Chromium, driven by
# playwright-core (which downloads no browser of its own). Installs it with apt-get when this
# runs as root on a Debian-based machine (as CI does); otherwise says what to install.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  echo "browser: $(chromium --version 2>/dev/null | head -n1)"
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "browser: installing Debian's chromium for the page tests"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "browser: chromium is not installed; the page tests need it (Debian/Ubuntu: sudo apt-get install chromium)" >&2
exit 1
