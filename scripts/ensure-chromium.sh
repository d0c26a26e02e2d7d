#!/usr/bin/env bash
# Make sure Debian's Chromium is installed for the browser tests (tests/web/test_portal_browser.py drive it with
# Playwright through executable_path; Playwright's own browser download cannot work on these machines), with a
# font that has Japanese glyphs (fonts-noto-cjk), so that screenshots of the Japanese pages show text, not boxes.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fonts="$(fc-list : family 2>/dev/null || true)"
if ! grep -qi "CJK" <<<"$fonts"; then
  missing+=(fonts-noto-cjk)
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "Missing ${missing[*]} and this user cannot install it: apt-get install ${missing[*]}" >&2
  if command -v chromium >/dev/null 2>&1; then
    exit 0  # the tests run; only the Japanese screenshots lack glyphs
  fi
  exit 1
fi
echo "Installing ${missing[*]} from Debian's packages..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
