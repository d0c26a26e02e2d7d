"""Time nomenklatura's logic-v2 on name pairs (for bench_screening_speed.py).

Runs inside benchmarks/.venv-peers. Reads a JSON list of [query_name, candidate_name] on stdin and writes
{"us_per_pair": median microseconds per compare call} on stdout. Entity ids are unique per pair (nomenklatura
caches name analysis by entity id).
"""

from __future__ import annotations

import json
import statistics
import sys
import time

from followthemoney import model
from nomenklatura.matching import LogicV2


def person(entity_id: str, name: str):
    entity = model.make_entity("Person")
    entity.id = entity_id
    entity.add("name", name)
    return entity


def main() -> None:
    pairs = json.load(sys.stdin)
    config = LogicV2.default_config()
    LogicV2.compare(person("w1", "Vladimir Putin"), person("w2", "Путин Владимир"), config)
    times = []
    for i, (a, b) in enumerate(pairs):
        q, c = person(f"q{i}", a), person(f"c{i}", b)
        start = time.perf_counter_ns()
        LogicV2.compare(q, c, config)
        times.append((time.perf_counter_ns() - start) / 1000)
    json.dump({"us_per_pair": statistics.median(times), "pairs": len(times)}, sys.stdout)


if __name__ == "__main__":
    main()
