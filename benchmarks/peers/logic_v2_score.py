"""Score screening pairs with nomenklatura's logic-v2 (the algorithm behind OpenSanctions' yente).

Runs inside benchmarks/.venv-peers (see benchmarks/setup_peers.sh), never in the project's venv.
Reads pairs as JSON lines on stdin (the format of benchmarks/data/screening_pairs.jsonl) and writes one
JSON line per pair on stdout: {"id", "score", "us", "detail"}; "us" is the time of the compare call alone.

Each pair becomes two FollowTheMoney Person entities, as yente builds them from a /match query:
name (every listed name), birthDate as ISO (1970/05/01 -> 1970-05-01, partial dates kept partial),
nationality in lower case, gender. Entity ids are unique per pair: nomenklatura caches name analysis by
entity id, so reusing ids would return the first pair's names for every later pair.
"""

from __future__ import annotations

import json
import sys
import time

from followthemoney import model
from nomenklatura.matching import LogicV2

GENDER = {"M": "male", "F": "female", "U": "other"}


def person(entity_id: str, names: list[str], dob: str | None, nationalities: list[str], sex: str | None):
    entity = model.make_entity("Person")
    entity.id = entity_id
    for name in names:
        entity.add("name", name)
    if dob:
        entity.add("birthDate", dob.replace("/", "-"))
    for nationality in nationalities:
        entity.add("nationality", nationality.lower())
    if sex in GENDER:
        entity.add("gender", GENDER[sex])
    return entity


def entities(pair: dict):
    q, c = pair["query"], pair["candidate"]
    query = person(f"q-{pair['id']}", [q["name"]], q.get("date_of_birth"),
                   [q["nationality"]] if q.get("nationality") else [], q.get("sex"))
    candidate = person(f"c-{pair['id']}", c["names"], c.get("date_of_birth"), c.get("nationalities", []),
                       c.get("sex"))
    return query, candidate


def main() -> None:
    config = LogicV2.default_config()
    # The first call builds rigour's name tagger (seconds); keep it out of the timings.
    warm = {"id": "warm-up", "query": {"name": "Vladimir Putin"}, "candidate": {"names": ["Путин Владимир"]}}
    LogicV2.compare(*entities(warm), config)
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        pair = json.loads(line)
        query, candidate = entities(pair)
        start = time.perf_counter_ns()
        result = LogicV2.compare(query, candidate, config)
        elapsed = (time.perf_counter_ns() - start) / 1000
        name = result.explanations.get("name_match")
        detail = name.detail if name is not None else None
        out.write(json.dumps({"id": pair["id"], "score": result.score, "us": elapsed, "detail": detail},
                             ensure_ascii=False) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
