#!/usr/bin/env bash
# Install the open peers into their own virtualenv so their pins never touch the project's .venv.
# Run from anywhere: bash benchmarks/setup_peers.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv-peers"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --upgrade pip
"$venv/bin/pip" install --quiet nomenklatura
"$venv/bin/python" -c "import nomenklatura, importlib.metadata as m; print('nomenklatura', m.version('nomenklatura'), 'rigour', m.version('rigour'))"
