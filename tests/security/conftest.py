"""The web ``client`` (static token, both databases) is shared with tests/web."""

from tests.web.conftest import client

__all__ = ["client"]
