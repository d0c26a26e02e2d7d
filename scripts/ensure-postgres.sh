#!/usr/bin/env bash
# Make sure a PostgreSQL server (initdb, pg_ctl) is installed; install Debian's package when missing.
# The test suite starts its own throw-away server from these binaries (tests/pg_server.py).
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "PostgreSQL is not installed and this user cannot install it: apt-get install postgresql" >&2
  exit 1
fi
echo "Installing PostgreSQL from Debian's packages..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postgresql >/dev/null
