"""Signed offline bundles: export for one country, verify, screen with no database; tampering refused."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ncb.cli import main
from ncb.domain.documents import notice_to_dict
from ncb.domain.notices import NoticeStatus, Restriction, RestrictionMode
from tests.builders import make_notice


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--purpose", "test suite", *args], env=env or {}, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_a_bundle_holds_what_its_country_may_see_and_screens_offline(db_url: str, tmp_path: Path) -> None:
    env = {"NCB_DATABASE_URL": db_url}
    notices = [notice_to_dict(make_notice(status=NoticeStatus.PUBLISHED)),
               notice_to_dict(make_notice(entity_id="2026/00002", status=NoticeStatus.PUBLISHED,
                                          names=(make_notice().subject.names[0].__class__(name="SMITH",
                                                                                          forename="JOHN"),),
                                          restriction=Restriction(RestrictionMode.DENY, frozenset({"FJ"}))))]
    (tmp_path / "n.json").write_text(json.dumps(notices, ensure_ascii=False))
    assert run("import", str(tmp_path / "n.json"), env=env)[0] == 0
    assert run("keys", "generate", "--out", str(tmp_path / "keys"))[0] == 0
    bundle = tmp_path / "fiji.bundle"
    code, out, err = run("bundle", "export", "--for", "FJ", "--key", str(tmp_path / "keys" / "signing.key"), "-o",
                         str(bundle), "--json", env=env)
    assert code == 0, err
    assert json.loads(out)["persons"] == 1  # the notice denied to Fiji is not in Fiji's bundle
    pub = str(tmp_path / "keys" / "signing.pub")
    code, out, _ = run("bundle", "verify", str(bundle), "--public-key", pub, "--json")
    assert code == 0 and json.loads(out)["receiving_country"] == "FJ"
    pax = tmp_path / "pax.jsonl"
    pax.write_text('{"id": "P1", "name": "Taro Yamada"}\n{"id": "P2", "name": "John Smith"}\n')
    code, out, err = run("screen", str(pax), "--bundle", str(bundle), "--public-key", pub)
    assert code == 0, err
    assert [json.loads(line)["input_id"] for line in out.splitlines()] == ["P1"]


def test_an_altered_or_foreign_bundle_is_refused(db_url: str, tmp_path: Path) -> None:
    env = {"NCB_DATABASE_URL": db_url}
    run("keys", "generate", "--out", str(tmp_path / "a"))
    run("keys", "generate", "--out", str(tmp_path / "b"))
    bundle = tmp_path / "x.bundle"
    assert run("bundle", "export", "--for", "FR", "--key", str(tmp_path / "a" / "signing.key"), "-o", str(bundle),
               env=env)[0] == 0
    code, _, err = run("bundle", "verify", str(bundle), "--public-key", str(tmp_path / "b" / "signing.pub"))
    assert code == 3 and "not with the key given" in err
    code, _, err = run("bundle", "verify", str(bundle), "--public-key", str(tmp_path / "a" / "signing.pub"),
                       "--max-age-hours", "0")
    assert code == 3 and "hours old" in err
    data = bytearray(bundle.read_bytes())
    data[-10] ^= 0xFF
    bundle.write_bytes(bytes(data))
    code, _, err = run("bundle", "verify", str(bundle), "--public-key", str(tmp_path / "a" / "signing.pub"))
    assert code == 3 and "altered" in err
