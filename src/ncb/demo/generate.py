"""A realistic, deterministic synthetic dataset for demonstrations, generated in memory.

``generate_demo(size, seed, today=...)`` returns the seed page (:mod:`ncb.demo.seed_page`: Japan's
bureau's 2 public Red and 12 public Yellow Notices) **plus** ``size`` other notices, so
``len(data.notices) == size + SEED_PAGE_NOTICES``. The other notices cover every notice type and
diffusions, owned by some sixty member countries; most are published (valid for five years from
publication), some are drafts, submitted, suspended, withdrawn, cancelled or refused. About half the
published Red and most published Yellow Notices have a public extract; UN Special Notices always do.
Japan's bureau also owns some of the other notices, never with a public extract, so the seed page's
counts stay exact. Notices without a public extract sometimes carry a restriction (deny or allow
list).

The same ``size``, ``seed`` and ``today`` give the same notices and byte-identical images: every draw
comes from ``random.Random`` streams and Faker instances seeded from the seed (never global state),
and the seed page has a stream of its own, so it does not change with ``size``. Nothing is read from
or written to files or the network.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ncb.demo.builders import BUILDERS, Content, assemble
from ncb.demo.context import Context, DemoImage, Registry
from ncb.demo.crimes import UN_REGIMES
from ncb.demo.lifecycle import draw_lifecycle
from ncb.demo.news import demo_news
from ncb.demo.places import PROFILES, UN_COUNTRIES
from ncb.demo.seed_page import NOTICE_COUNT, OWNER, seed_page
from ncb.domain.countries import member_countries
from ncb.domain.news import NewsItem
from ncb.domain.notices import Notice, NoticeType, Restriction, RestrictionMode
from ncb.errors import ValidationError

__all__ = ["SEED_PAGE_NOTICES", "DemoData", "DemoImage", "generate_demo"]

#: How many notices the seed page adds to ``size``.
SEED_PAGE_NOTICES = NOTICE_COUNT

_TYPE_WEIGHTS: dict[NoticeType, int] = {
    NoticeType.RED: 34, NoticeType.YELLOW: 18, NoticeType.UN_SPECIAL: 6, NoticeType.BLUE: 8,
    NoticeType.BLACK: 3, NoticeType.GREEN: 5, NoticeType.ORANGE: 3, NoticeType.PURPLE: 5,
    NoticeType.SILVER: 3, NoticeType.DIFFUSION: 15,
}
# Share of Red / Yellow Notices whose owner asked for a public extract.
_PUBLIC_SHARE: dict[NoticeType, float] = {NoticeType.RED: 0.55, NoticeType.YELLOW: 0.75}
_DENY_SHARE, _ALLOW_SHARE = 0.12, 0.06
# The first persons drawn are of these nationalities, so that even a small dataset has names in Hangul,
# hanzi, Cyrillic, Arabic and Japanese besides Latin.
_SHOWCASE = ("KR", "CN", "RU", "SA", "JP", "UA", "EG", "BG")
# Picture ids: the seed page's below the rest's, so neither depends on the other.
_SEED_PICTURES, _OTHER_PICTURES = 60_100_000, 61_000_000


@dataclass(frozen=True)
class DemoData:
    notices: tuple[Notice, ...]
    images: tuple[DemoImage, ...]
    news: tuple[NewsItem, ...] = ()  # the seed bureau's news items


def generate_demo(size: int = 500, seed: int = 2026, *, today: date) -> DemoData:
    """The seed page plus ``size`` other notices, with their portraits and thumbnails, as of ``today``."""
    if size < 0:
        raise ValidationError(f"the demo size must be 0 or more, not {size}", field="size")
    registry = Registry()
    first = Context(f"ncb-demo/{seed}/seed-page", today, registry, _SEED_PICTURES)
    notices = seed_page(first)
    rest = Context(f"ncb-demo/{seed}/notices", today, registry, _OTHER_PICTURES)
    rest.showcase = list(_SHOWCASE)
    members = tuple(sorted(member_countries()))
    for notice_type in _plan(rest, size):
        notices.append(_notice(rest, notice_type, members))
    seed_notices = list(notices[:SEED_PAGE_NOTICES])
    return DemoData(tuple(notices), tuple(first.images + rest.images), news=demo_news(seed_notices, today))


def _plan(ctx: Context, size: int) -> list[NoticeType]:
    """``size`` notice types: each type once (while ``size`` allows), the rest drawn by weight, shuffled."""
    every = list(NoticeType)
    types = every[:size] + ctx.rng.choices(list(_TYPE_WEIGHTS), list(_TYPE_WEIGHTS.values()),
                                           k=max(0, size - len(every)))
    ctx.rng.shuffle(types)
    return types


def _owner(ctx: Context, notice_type: NoticeType, created: date) -> str:
    if notice_type is NoticeType.UN_SPECIAL:
        # The listed subject's country (never Japan), among the regimes that had listings by then.
        listing = [c for c in UN_COUNTRIES if date(UN_REGIMES[c][4] + 1, 1, 1) <= created]
        return ctx.rng.choice(listing)
    codes = sorted(PROFILES)
    return ctx.rng.choices(codes, [PROFILES[c].weight for c in codes])[0]


def _restriction(ctx: Context, owner: str, members: tuple[str, ...]) -> Restriction:
    draw = ctx.rng.random()
    others = [c for c in members if c != owner]
    if draw < _DENY_SHARE:
        return Restriction(RestrictionMode.DENY, frozenset(ctx.rng.sample(others, ctx.rng.randint(1, 3))))
    if draw < _DENY_SHARE + _ALLOW_SHARE:
        return Restriction(RestrictionMode.ALLOW, frozenset(ctx.rng.sample(others, ctx.rng.randint(3, 8))))
    return Restriction()


def _notice(ctx: Context, notice_type: NoticeType, members: tuple[str, ...]) -> Notice:
    life = draw_lifecycle(ctx, notice_type)
    owner = _owner(ctx, notice_type, life.created)
    content: Content = BUILDERS[notice_type](ctx, owner, life.created, members)
    public = notice_type is NoticeType.UN_SPECIAL or ctx.rng.random() < _PUBLIC_SHARE.get(notice_type, 0.0)
    if owner == OWNER:
        public = False  # the seed page alone holds Japan's public notices
    restriction = Restriction() if public else _restriction(ctx, owner, members)
    return assemble(ctx, notice_type, owner, life, content, public_extract=public, restriction=restriction)
