"""``python -m ncb`` is the ``ncb`` command."""

from ncb.cli import main

main()
