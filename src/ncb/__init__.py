"""NCB: software for a National Central Bureau of INTERPOL."""

__version__ = "0.1.0"
