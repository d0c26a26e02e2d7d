"""Common English nicknames (Bill = William, Peggy = Margaret), from the ``nicknames`` package's table."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _namer() -> object:
    from nicknames import NickNamer

    return NickNamer()


@lru_cache(maxsize=100_000)
def nickname_group(token: str) -> frozenset[str]:
    """The token, the names it is a nickname of, and their other nicknames (lower case)."""
    namer = _namer()
    canon: set[str] = set(namer.canonicals_of(token))  # type: ignore[attr-defined]
    group = {token} | canon
    if not canon:
        group |= set(namer.nicknames_of(token))  # type: ignore[attr-defined]
    return frozenset(group)


@lru_cache(maxsize=1)
def known_names() -> frozenset[str]:
    """Every name the table knows, as a nickname or as a full name."""
    namer = _namer()
    lookups = (namer.nickname_lookup, namer.canonical_lookup)  # type: ignore[attr-defined]
    return frozenset(name for lookup in lookups for key, values in lookup.items() for name in (key, *values))


def are_nicknames(a: str, b: str) -> bool:
    """``bill``/``william``, ``peggy``/``margaret``: one is a common nickname of the other (or both of one name)."""
    if a == b:
        return True
    known = known_names()
    if a not in known or b not in known:  # a name the table lacks is in a group of its own
        return False
    ga, gb = nickname_group(a), nickname_group(b)
    return b in ga or a in gb or bool(ga & gb - {a, b})


@lru_cache(maxsize=100_000)
def full_names_of(token: str) -> frozenset[str]:
    """The names a nickname stands for (``bill`` -> william, will, ...); empty for a name that is no nickname
    (most tokens of a passenger list: answered from the set of known names, without asking the table)."""
    if token.strip().lower() not in known_names():
        return frozenset()
    return frozenset(_namer().canonicals_of(token))  # type: ignore[attr-defined]
