"""Comparing two persons: their names in every written form, then the features. ``compare`` is the
whole scorer for one pair; the index (``index.py``) only decides which pairs are worth comparing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler, Levenshtein

from ncb.errors import ValidationError
from ncb.matching import kernels
from ncb.matching.features import explanation, features_for
from ncb.matching.model import FeatureResult, Hit, NameAlignment, Person
from ncb.matching.nicknames import are_nicknames
from ncb.matching.normalize import (
    canonical,
    drop_particles,
    fold_particles,
    kana_blind,
    kana_skeletons,
    sorted_canonical,
    strip_native_honorifics,
    tokens,
    vowel_blind,
)
from ncb.matching.token_table import TokenTable

NAME_WEIGHT = 0.9  # the best name similarity counts for at most this much; features move the rest
DEFAULT_THRESHOLD = 0.70


class _FormFields(NamedTuple):
    name: str  # the name as given
    tokens: tuple[str, ...]
    system: str
    weight: float
    key: str
    from_katakana: bool


class NameForm(_FormFields):
    """One written form of one name, as tokens: ``("yamada", "taro")`` through ``hepburn``; ``key`` is its
    canonical tokens in alphabetical order (:func:`sorted_canonical`), for quick whole-name comparisons.

    A named tuple, not a dataclass: made, hashed and compared in C (the caches of a screening process hold
    hundreds of thousands of forms, and look them up by tuples of forms). The garbage collector still tracks
    it, as it does any tuple subclass: see ``ncb.cli.workers.freeze_survivors``."""

    __slots__ = ()

    def __new__(cls, name: str, tokens: tuple[str, ...], system: str, weight: float) -> NameForm:
        return super().__new__(cls, name, tokens, system, weight, sorted_canonical(tokens),
                               system.startswith("katakana"))

    def __getnewargs__(self) -> tuple[str, tuple[str, ...], str, float]:
        return self.name, self.tokens, self.system, self.weight  # what pickle passes to __new__

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


@lru_cache(maxsize=400_000)
def name_forms(name: str) -> tuple[NameForm, ...]:
    """Every plausible Latin form of a name (transliterations, particles joined or dropped)."""
    from ncb.matching.transliterate import latin_forms

    cleaned = strip_native_honorifics(name)
    forms: list[NameForm] = []
    seen: set[tuple[str, ...]] = set()
    for latin in latin_forms(cleaned):
        base = tokens(latin.text)
        for variant, penalty in ((base, 1.0), (fold_particles(base), 0.98), (drop_particles(base), 0.95)):
            if variant and variant not in seen:
                seen.add(variant)
                forms.append(NameForm(name, variant, latin.system, latin.weight * penalty))
    return tuple(forms)


def person_forms(person: Person) -> tuple[NameForm, ...]:
    """The written forms of all of a person's names, name by name (a passenger list asks this of every
    traveller: one name's forms are returned as kept)."""
    names = person.names
    if len(names) == 1:
        return name_forms(names[0])
    return tuple(chain.from_iterable(map(name_forms, names)))


@lru_cache(maxsize=2_000_000)
def token_similarity(a: str, b: str) -> float:
    """How alike two name tokens are, 0..1: the same; the same but for spelling habits (long vowels,
    doubled letters, ph/f ...); an initial and the name it starts; nickname and name; the same but for
    vowels (unwritten in Arabic: Mohamed/Muhammad); else a Jaro-Winkler / edit-distance similarity, with
    what is merely "a bit alike" counted as nothing."""
    if a == b:
        return 1.0
    ca, cb = canonical(a), canonical(b)
    if ca == cb:
        return 0.97
    if len(a) == 1 or len(b) == 1:
        short, long_ = (a, b) if len(a) == 1 else (b, a)
        return 0.85 if long_.startswith(short) else 0.0
    if are_nicknames(a, b):
        return 0.92
    if len(ca) >= 4 and ca[-1] == cb[-1] and vowel_blind(a) == vowel_blind(b):  # not Maria/Mario
        return 0.85
    s = float(max(JaroWinkler.normalized_similarity(ca, cb), Levenshtein.normalized_similarity(ca, cb)))
    if s < 0.75:
        return 0.0
    return min(0.95, float(((s - 0.75) / 0.25) ** 1.3))


@lru_cache(maxsize=500_000)
def kana_similarity(a: str, b: str) -> float:
    """Two tokens, one read from katakana, alike once the sounds katakana cannot write apart are merged
    (l/r, v/b, silent r, the added final vowel): Kozlov / コズロフ, Walker / ウォーカー; or once only the
    consonants katakana keeps are compared (:func:`kana_skeletons`): Pierre / ピエール, Laurent / ローラン,
    Katherine / キャサリン, Vladimir / ウラジーミル."""
    base = token_similarity(a, b)
    shared = kana_skeletons(a) & kana_skeletons(b)
    if shared:
        longest = max(len(k) for k in shared)
        if longest >= 3:
            base = max(base, 0.92)
        elif longest == 2:
            base = max(base, 0.88)
        elif a[:1] == b[:1]:
            base = max(base, 0.8)
    ka, kb = kana_blind(a), kana_blind(b)
    if len(ka) < 3 or len(kb) < 3:
        return base
    s = float(JaroWinkler.normalized_similarity(ka, kb))
    return max(base, 0.9 * s) if s >= 0.88 else base


@lru_cache(maxsize=300_000)
def align(q: tuple[str, ...], c: tuple[str, ...],
          kana: bool = False) -> tuple[float, tuple[tuple[str, str, float], ...]]:
    """Match tokens one to one in any order (best pairs first). Unmatched query tokens count fully against
    the similarity, unmatched listed tokens (middle names, extra parts) half; and when both sides keep a
    token that matched nothing (ZACK MORRISON / MARK MORRISON, E CUMMINGS / SHANNON CUMMINGS), each such
    clash multiplies the similarity by 0.8."""
    similarity = kana_similarity if kana else token_similarity
    pairs = sorted([(similarity(a, b), i, j) for i, a in enumerate(q) for j, b in enumerate(c)], reverse=True)
    used_q = [False] * len(q)
    used_c = [False] * len(c)
    matched: list[tuple[str, str, float]] = []
    num = 0.0
    den = 0.0
    for s, i, j in pairs:
        if s <= 0:
            break
        if used_q[i] or used_c[j]:
            continue
        used_q[i] = used_c[j] = True
        weight = max(len(q[i]), 3) + max(len(c[j]), 3)  # a token counts by its length, an initial as 3
        num += s * weight
        den += weight
        matched.append((q[i], c[j], s))
    left_q = [max(len(t), 3) for t, used in zip(q, used_q, strict=True) if not used]
    left_c = [max(len(t), 3) for t, used in zip(c, used_c, strict=True) if not used]
    den += sum(left_q) + 0.5 * sum(left_c)
    token_score = (num / den if den else 0.0) * 0.8 ** min(len(left_q), len(left_c))
    # Spacing: "min jun" / "minjun", "abdul rahman" / "abdulrahman": compare the joined forms too.
    joined = 0.0
    if (len(q) != len(c) or len(q) > 1) and token_score < 0.96:  # joined, a form scores at most 0.95
        cq = "".join(map(canonical, q))
        canon_c = [canonical(t) for t in c]
        joined = max(JaroWinkler.normalized_similarity(cq, "".join(canon_c)),
                     JaroWinkler.normalized_similarity(cq, "".join(reversed(canon_c))))
        joined = ((joined - 0.85) / 0.15) * 0.95 if joined >= 0.85 else 0.0
        if kana and (len(q) == 1 or len(c) == 1):
            # ナンシーベネット written as one word: its consonants against the Latin name's, in either order.
            kq = kana_skeletons("".join(q))
            for order in (c, tuple(reversed(c))):
                if any(len(k) >= 4 for k in kq & kana_skeletons("".join(order))):
                    joined = max(joined, 0.9)
    if joined > token_score:
        return joined, (("".join(q), "".join(c), joined),)
    return token_score, tuple(matched)


PAIRS_ALIGNED = 3  # form pairs fully aligned per candidate, the most alike by a quick C comparison


def best_alignment(query: tuple[NameForm, ...], candidate: tuple[NameForm, ...]) -> NameAlignment | None:
    """The best-aligned pair of written forms of two names (:func:`best_alignments` of one pair)."""
    return best_alignments([(query, candidate)])[0]


def best_alignments(pairs: Sequence[tuple[tuple[NameForm, ...], tuple[NameForm, ...]]]) -> list[NameAlignment | None]:
    """For each pair of names (their written forms), the best-aligned pair of forms. With many forms on both
    sides, a quick token-sort comparison (rapidfuzz, in C) picks the few pairs of forms worth aligning token by
    token; the forms of all the pairs are then aligned together (:func:`align_all`)."""
    chosen: list[list[tuple[NameForm, NameForm]]] = []
    for query, candidate in pairs:
        if len(query) * len(candidate) > PAIRS_ALIGNED:
            # the keys are token-sorted already, so a plain ratio is their token-sort ratio
            quick = process.cdist([f.key for f in query], [f.key for f in candidate], scorer=fuzz.ratio)
            flat = np.argsort(-quick, axis=None, kind="stable")[:PAIRS_ALIGNED].tolist()
            chosen.append([(query[i // len(candidate)], candidate[i % len(candidate)]) for i in flat])
        else:
            chosen.append([(qf, cf) for qf in query for cf in candidate])
    sims, tokens_of = _aligned([(qf.tokens, cf.tokens, qf.from_katakana or cf.from_katakana)
                                for forms in chosen for qf, cf in forms])
    out: list[NameAlignment | None] = []
    at = 0
    for forms in chosen:
        best: tuple[NameForm, NameForm, float, int] | None = None
        best_score = 0.0
        for qf, cf in forms:
            sim = sims[at]
            at += 1
            ceiling = 0.85 + 0.15 * qf.weight * cf.weight  # a similarity is at most 1
            if ceiling <= best_score or sim <= 0:  # this pair cannot do better
                continue
            weighted = sim * ceiling
            if weighted > best_score:
                best_score = weighted
                best = qf, cf, weighted, at - 1
        if best is None:
            out.append(None)
        else:
            qf, cf, weighted, k = best
            out.append(NameAlignment(qf.name, cf.name, qf.text, cf.text, qf.system, cf.system, weighted,
                                     tokens_of(k)))
    return out


Aligned = tuple[float, tuple[tuple[str, str, float], ...]]
FEW_PAIRS = 4  # pairs of token sequences aligned in Python rather than by the compiled loop (see _aligned)
_TOKENS = TokenTable()


def align_all(pairs: Sequence[tuple[tuple[str, ...], tuple[str, ...], bool]]) -> list[Aligned]:
    """:func:`align` of many pairs of token sequences (query, listed, katakana on either side), the same to the
    bit (see :func:`_aligned`)."""
    sims, tokens_of = _aligned(pairs)
    return [(sim, tokens_of(k)) for k, sim in enumerate(sims)]


def _aligned(pairs: Sequence[tuple[tuple[str, ...], tuple[str, ...], bool]]) -> tuple[
        list[float], Callable[[int], tuple[tuple[str, str, float], ...]]]:
    """The similarity of :func:`align` for each of many pairs of token sequences, and a function giving the
    tokens matched in pair ``k`` (made only for the few pairs whose alignment is kept). The pairs without
    katakana go through one call of a compiled loop (:func:`kernels.align_many`, over the numbers of a
    :class:`TokenTable`: quicker than looking each pair up in a cache); those with katakana through
    :func:`align` itself, as do all of a batch of ``FEW_PAIRS`` or fewer (one pair compared alone: a call of the
    compiled loop costs more than aligning a few pairs in Python)."""
    few = len(pairs) <= FEW_PAIRS
    kana = {k: align(*pair) for k, pair in enumerate(pairs) if pair[2] or few}
    compiled = [k for k, pair in enumerate(pairs) if not (pair[2] or few)]
    sims = [0.0] * len(pairs)
    for k, (sim, _tokens) in kana.items():
        sims[k] = sim
    if not compiled:
        return sims, lambda k: kana[k][1]
    with _TOKENS.lock:
        _TOKENS.start_again_if_full()
        q_ids = _TOKENS.numbers(list(chain.from_iterable([pairs[k][0] for k in compiled])))
        c_ids = _TOKENS.numbers(list(chain.from_iterable([pairs[k][1] for k in compiled])))
        q_count = np.asarray([len(pairs[k][0]) for k in compiled], dtype=np.int64)
        c_count = np.asarray([len(pairs[k][1]) for k in compiled], dtype=np.int64)
        score, joined, matched_q, matched_c, matched_s, matched_start = kernels.align_many(
            np.asarray(q_ids, dtype=np.int32), np.cumsum(q_count) - q_count, q_count,
            np.asarray(c_ids, dtype=np.int32), np.cumsum(c_count) - c_count, c_count, *_TOKENS.arrays())
    place = {k: x for x, k in enumerate(compiled)}
    for k, sim in zip(compiled, score.tolist(), strict=True):
        sims[k] = sim
    # as lists once: a NumPy scalar or slice read per alignment kept costs more than the whole conversion
    was_joined, starts = joined.tolist(), matched_start.tolist()
    at_q, at_c, token_sims = matched_q.tolist(), matched_c.tolist(), matched_s.tolist()

    def tokens_of(k: int) -> tuple[tuple[str, str, float], ...]:
        if k in kana:
            return kana[k][1]
        x = place[k]
        q, c, _kana = pairs[k]
        if was_joined[x]:
            return (("".join(q), "".join(c), sims[k]),)
        a, b = starts[x], starts[x + 1]
        return tuple(zip([q[i] for i in at_q[a:b]], [c[j] for j in at_c[a:b]], token_sims[a:b], strict=True))

    return sims, tokens_of


def score_features(query: Person, candidate: Person, name_score: float) -> tuple[float, tuple[FeatureResult, ...]]:
    """The score of a pair from its name score and the features of its particulars, with those features."""
    results, deltas, document = _effects(_particulars_of(query), _particulars_of(candidate))
    total = NAME_WEIGHT * name_score
    for delta in deltas:  # one at a time, in order, as the features come
        total += delta
    score = 1.0 if document else max(0.0, min(0.99, total))
    return score, results


ParticularsKey = tuple[str | None, tuple[str, ...], str | None, tuple[str, ...]]


def _particulars_of(person: Person) -> ParticularsKey:
    """What the features read of a person (:data:`features.FEATURES`): date of birth, nationalities, sex and
    documents; nothing of the names, the id or the kind."""
    return person.date_of_birth, person.nationalities, person.sex, person.documents


@lru_cache(maxsize=50_000)
def _effects(query: ParticularsKey, candidate: ParticularsKey) -> tuple[tuple[FeatureResult, ...], tuple[float, ...],
                                                                         bool]:
    """The features that apply to two persons' particulars, what each adds to the score (a document match adds
    nothing: it makes the score 1) and whether the documents matched. Kept: a passenger list's hits meet the
    same pairs of particulars again and again (the same date of birth on both sides), and a hit's features
    (immutable) may be shared."""
    q, c = (Person("", (), date_of_birth=dob, nationalities=nationalities, sex=sex, documents=documents)
            for dob, nationalities, sex, documents in (query, candidate))
    results: list[FeatureResult] = []
    deltas: list[float] = []
    document = False
    for feature in features_for(q, c):
        effect = feature(q, c)
        if effect is None:
            continue
        results.append(FeatureResult(feature.__name__, effect.delta, explanation(feature), effect.detail))
        if feature.__name__ == "document_match":
            document = True
        else:
            deltas.append(effect.delta)
    return tuple(results), tuple(deltas), document


def compare(query: Person, candidate: Person, *, query_forms: tuple[NameForm, ...] | None = None,
            candidate_forms: tuple[NameForm, ...] | None = None) -> Hit:
    """The full score of one pair, with its explanation."""
    qf = query_forms if query_forms is not None else person_forms(query)
    if not qf and not query.documents:
        raise ValidationError(f"no usable name in {list(query.names)!r} (only punctuation or titles?)",
                              field="name", record=query.id)
    cf = candidate_forms if candidate_forms is not None else person_forms(candidate)
    return scored(query, candidate, best_alignment(qf, cf))


def scored(query: Person, candidate: Person, alignment: NameAlignment | None) -> Hit:
    """The hit of one pair whose names are already aligned (:func:`best_alignment`), features added."""
    name_score = alignment.similarity if alignment else 0.0
    score, features = score_features(query, candidate, name_score)
    return Hit(query.id, candidate.id, score, name_score, alignment, features)
