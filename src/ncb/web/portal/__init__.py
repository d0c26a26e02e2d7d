"""The public portal (issue #5): server-rendered pages in Japanese and English; see :mod:`.routes`."""

from ncb.web.portal.routes import install

__all__ = ["install"]
