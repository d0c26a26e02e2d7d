"""Interchange formats: pure mappings between notices and external shapes (dicts and strings, no I/O).

- :mod:`.interpol`: INTERPOL's public notices API (parse its JSON into notices, render notices back in
  exactly its shapes).
- :mod:`.ftm`: FollowTheMoney entities for screening tools.
- :mod:`.tabular`: rows for a CSV export.
"""
