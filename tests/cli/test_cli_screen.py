"""``ncb screen`` with real files: watchlist mode, the database, CSV, JSON lines, MRZ, bad records, Dask."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from ncb.cli import main
from ncb.domain.documents import notice_to_dict
from ncb.domain.notices import NoticeStatus
from ncb.matching.mrz import make_mrz_td3
from tests.builders import make_notice

WATCHLIST = [
    {"id": "W1", "names": ["TARO YAMADA", "山田太郎"], "date_of_birth": "1989/04/16", "nationalities": ["JP"],
     "sex": "M"},
    {"id": "W2", "names": ["VLADIMIR PUTIN"], "date_of_birth": "1952/10/07", "nationalities": ["RU"], "sex": "M"},
    {"id": "W3", "names": ["JOHN SMITH"], "date_of_birth": "1970/05/01"},
]


def write_lines(path: Path, rows: list[object]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env or {}, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_screen_against_a_watchlist_writes_the_documented_lines(tmp_path: Path) -> None:
    watchlist = write_lines(tmp_path / "list.jsonl", WATCHLIST)
    travellers = write_lines(tmp_path / "pax.jsonl", [
        {"id": "P1", "name": "山田 太郎", "date_of_birth": "1989/04/16"},
        {"id": "P2", "name": "Путин Владимир", "nationality": "RU"},
        {"id": "P3", "name": "Mary Jones"},
        {"id": "P4", "name": "!!!"},
        "not an object",
    ])
    (tmp_path / "pax.jsonl").write_text((tmp_path / "pax.jsonl").read_text() + "{broken\n")
    code, out, err = run("screen", str(travellers), "--watchlist", str(watchlist))
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert {(line["input_id"], line["watchlist_id"]) for line in lines} == {("P1", "W1"), ("P2", "W2")}
    assert all(set(line) == {"input_id", "watchlist_id", "score", "explanation"} for line in lines)
    assert "3 rejected" in err and "pax.jsonl:6" in err and "not valid JSON" in err


def test_csv_in_csv_out_with_a_threshold(tmp_path: Path) -> None:
    watchlist = write_lines(tmp_path / "list.jsonl", WATCHLIST)
    pax = tmp_path / "pax.csv"
    pax.write_text("id,name,date_of_birth,nationality\nA,John Smyth,1970/05/01,US\nB,Jane Doe,,\n", encoding="utf-8")
    out_file = tmp_path / "hits.csv"
    code, _, err = run("screen", str(pax), "--watchlist", str(watchlist), "--format", "csv", "-o", str(out_file),
                       "--threshold", "0.8")
    assert code == 0, err
    rows = out_file.read_text().splitlines()
    assert rows[0] == "input_id,watchlist_id,score,explanation" and rows[1].startswith("A,W3,")


def test_a_large_file_on_worker_processes_finds_what_one_process_finds(tmp_path: Path) -> None:
    watchlist = write_lines(tmp_path / "list.jsonl", WATCHLIST)
    names = ["Taro Yamada", "山田 太郎", "Putin Vladimir", "Jane Doe", "Jon Smith", "Maria Garcia"]
    pax = write_lines(tmp_path / "pax.jsonl", [
        {"id": f"P{i:05d}", "name": names[i % len(names)], "date_of_birth": "1989/04/16" if i % 2 else None,
         "note": "x" * 40} for i in range(3000)])  # over 200 kB: the job goes to worker processes
    pooled = tmp_path / "pooled.jsonl"
    code, _, err = run("screen", str(pax), "--watchlist", str(watchlist), "--workers", "2", "-o", str(pooled))
    assert code == 0, err
    single = tmp_path / "single.jsonl"
    assert run("screen", str(pax), "--watchlist", str(watchlist), "--workers", "1", "-o", str(single))[0] == 0
    found = pooled.read_text().splitlines()
    assert found == single.read_text().splitlines() and len(found) >= 1000  # the same lines, in the input's order
    assert "screened 3000 records" in err


def test_a_large_csv_or_mrz_file_on_worker_processes_gives_what_one_process_gives(tmp_path: Path) -> None:
    watchlist = write_lines(tmp_path / "list.jsonl", WATCHLIST)
    names = [("YAMADA", "TARO"), ("PUTIN", "VLADIMIR"), ("DOE", "JANE"), ("SMITH", "JON")]
    csv_file = tmp_path / "pax.csv"
    csv_file.write_text("id,name,date_of_birth,nationality,note\n" + "".join(
        f"P{i:05d},{names[i % 4][1]} {names[i % 4][0]},1989/04/16,{'JP' if i % 3 else ''},{'x' * 40}\n"
        for i in range(3000)) + "P99999,!!!,,,\n", encoding="utf-8")
    mrz_file = tmp_path / "desk.mrz"
    mrz_file.write_text("\n".join(
        make_mrz_td3(surname=names[i % 4][0], given_names=names[i % 4][1], document_number=f"TK{i:07d}",
                     nationality="JPN", date_of_birth=date(1989, 4, 16), sex="M", expiry_date=date(2030, 1, 1))
        for i in range(2600)) + "\n", encoding="utf-8")
    for pax in (csv_file, mrz_file):
        assert pax.stat().st_size > 200_000  # large enough for worker processes
        outputs = []
        for workers in ("2", "1"):
            out = tmp_path / f"{pax.suffix[1:]}-{workers}.csv"
            code, _, err = run("screen", str(pax), "--watchlist", str(watchlist), "--workers", workers, "--format",
                               "csv", "-o", str(out))
            assert code == 0, err
            outputs.append(out.read_text().splitlines())
        assert outputs[0] == outputs[1] and outputs[0][0] == "input_id,watchlist_id,score,explanation"
        assert len(outputs[0]) > 640  # every TARO YAMADA


def test_mrz_lines_and_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    watchlist = write_lines(tmp_path / "list.jsonl", WATCHLIST)
    mrz = make_mrz_td3(surname="YAMADA", given_names="TARO", document_number="TK1234567", nationality="JPN",
                       date_of_birth=date(1989, 4, 16), sex="M", expiry_date=date(2030, 1, 1))
    pax = tmp_path / "desk.mrz"
    pax.write_bytes((mrz + "\n\nP<UTO\xff\n\n").encode("latin-1"))
    code, out, err = run("screen", str(pax), "--watchlist", str(watchlist))
    assert code == 0, err
    assert json.loads(out.splitlines()[0])["watchlist_id"] == "W1"
    assert "1 rejected" in err and "not UTF-8" in err


def test_a_2_gb_line_is_one_rejected_record_and_the_rest_are_screened(tmp_path: Path) -> None:
    watchlist = write_lines(tmp_path / "list.jsonl", WATCHLIST)
    pax = tmp_path / "huge.jsonl"
    with pax.open("wb") as fh:
        fh.write(b'{"id": "A", "name": "Taro Yamada"}\n{"id": "B", "name": "')
        fh.seek(2 * 1024**3, 1)  # a 2 GB hole: one line with no newline in it (sparse: no disk used)
        fh.write(b'"}\n{"id": "C", "name": "Yamada Taro"}\n')
    code, out, err = run("screen", str(pax), "--watchlist", str(watchlist), "--workers", "1")
    assert code == 0, err
    assert [json.loads(line)["input_id"] for line in out.splitlines()] == ["A", "C"]
    assert "screened 2 records" in err and "1 rejected" in err and "huge.jsonl:2: a line of 2,147,483,6" in err


def test_screen_against_the_published_notices_in_the_database(db_url: str, tmp_path: Path) -> None:
    notice = tmp_path / "n.json"
    notice.write_text(json.dumps(notice_to_dict(make_notice(status=NoticeStatus.PUBLISHED)), ensure_ascii=False))
    env = {"NCB_DATABASE_URL": db_url}
    assert run("import", str(notice), env=env)[0] == 0
    pax = write_lines(tmp_path / "pax.jsonl", [{"id": "P1", "name": "YAMADA Taro", "date_of_birth": "1989/04/16"}])
    code, out, err = run("screen", str(pax), env=env)
    assert code == 0, err
    assert json.loads(out)["watchlist_id"] == "2026/00001"
    index_file = tmp_path / "notices.npz"
    assert run("index", "build", "-o", str(index_file), env=env)[0] == 0
    code, out, _ = run("screen", str(pax), "--index", str(index_file))
    assert json.loads(out)["watchlist_id"] == "2026/00001"


@pytest.mark.slow
def test_the_same_job_runs_on_a_local_dask_cluster(tmp_path: Path) -> None:
    from distributed import LocalCluster

    watchlist = write_lines(tmp_path / "list.jsonl", WATCHLIST)
    pax = write_lines(tmp_path / "pax.jsonl", [{"id": f"P{i}", "name": "Vladimir Putin" if i % 2 else "Jane Doe"}
                                                for i in range(40)])
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        code, out, err = run("screen", str(pax), "--watchlist", str(watchlist), "--scheduler",
                             cluster.scheduler_address)
    assert code == 0, err
    assert len(out.splitlines()) == 20
