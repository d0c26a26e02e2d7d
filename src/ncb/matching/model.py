"""What the engine compares: a person as screened (a traveller) or as listed (a notice's subject), and
the hit with its explanation."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Person:
    """A person to screen or a listed person. Names in any script; ``date_of_birth`` as INTERPOL writes it
    (``1970``, ``1970/05``, ``1970/05/01``); nationalities as ISO codes; sex ``M``/``F``/``U``. ``kind`` is
    ``person`` or ``entity`` (an organisation on the UN list); a query of kind ``any`` meets both."""

    id: str
    names: tuple[str, ...]
    date_of_birth: str | None = None
    nationalities: tuple[str, ...] = ()
    sex: str | None = None
    documents: tuple[str, ...] = ()  # travel or identity document numbers
    kind: str = "person"


@dataclass(frozen=True)
class FeatureResult:
    """One feature's effect on a hit: its name (the assertion it makes), how it moved the score, the
    sentence a user reads (the feature's docstring) and the particulars (which dates, which names)."""

    name: str
    delta: float
    explanation: str
    detail: str = ""


@dataclass(frozen=True)
class NameAlignment:
    """Which query name matched which listed name, through which written forms."""

    query_name: str
    candidate_name: str
    query_form: str
    candidate_form: str
    query_system: str
    candidate_system: str
    similarity: float
    pairs: tuple[tuple[str, str, float], ...] = ()  # token pairs and their similarity


@dataclass(frozen=True)
class Hit:
    query_id: str
    candidate_id: str
    score: float
    name_score: float
    alignment: NameAlignment | None
    features: tuple[FeatureResult, ...] = field(default=())

    def explain(self) -> str:
        """One readable paragraph: the names that aligned and what moved the score."""
        parts = []
        if self.alignment:
            a = self.alignment
            parts.append(f"name {a.query_name!r} ~ {a.candidate_name!r} ({a.similarity:.2f}; "
                         f"{a.query_form!r} [{a.query_system}] vs {a.candidate_form!r} [{a.candidate_system}])")
        for f in self.features:
            sign = "+" if f.delta >= 0 else ""
            parts.append(f"{f.name} {sign}{f.delta:.2f}" + (f" ({f.detail})" if f.detail else ""))
        return "; ".join(parts)

    def as_dict(self) -> dict[str, object]:
        a = self.alignment
        return {
            "query_id": self.query_id, "candidate_id": self.candidate_id, "score": round(self.score, 4),
            "name_score": round(self.name_score, 4),
            "names": None if a is None else {
                "query": a.query_name, "candidate": a.candidate_name, "query_form": a.query_form,
                "candidate_form": a.candidate_form, "query_system": a.query_system,
                "candidate_system": a.candidate_system, "similarity": round(a.similarity, 4),
                "tokens": [{"query": q, "candidate": c, "similarity": round(s, 4)} for q, c, s in a.pairs]},
            "features": [{"name": f.name, "delta": round(f.delta, 4), "explanation": f.explanation,
                          "detail": f.detail} for f in self.features],
            "explanation": self.explain(),
        }
