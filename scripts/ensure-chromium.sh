#!/usr/bin/env bash
# Make sure Debian's Chromium is installed for the browser tests (tests/web/test_portal_browser.py drive it with
# Playwright through executable_path; Playwright's own browser download cannot work on these machines).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "Chromium is not installed and this user cannot install it: apt-get install chromium" >&2
  exit 1
fi
echo "Installing Chromium from Debian's packages..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
