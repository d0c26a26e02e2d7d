import json

import pytest
from click.testing import CliRunner, Result

from ncb.cli import main


@pytest.fixture
def ncb(db_url: str):  # type: ignore[no-untyped-def]
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(main, list(args), env={"NCB_DATABASE_URL": db_url, "NCB_BUREAU": "JP"},
                             catch_exceptions=False)

    return run


def test_an_officer_adds_news_and_lists_it(ncb) -> None:  # type: ignore[no-untyped-def]
    added = ncb("news", "add", "--title-en", "Arrest in Manila", "--title-ja", "マニラで逮捕", "--body-en", "**Found**",
                "--body-ja", "**発見**", "--country", "JP", "--country", "ph", "--notice", "2024/58775",
                "--date", "2026-03-04", "--json")
    assert added.exit_code == 0, added.output
    item = json.loads(added.output)
    assert item["bureau"] == "JP" and item["countries"] == ["JP", "PH"] and item["published_on"] == "2026-03-04"
    listed = json.loads(ncb("news", "list", "--country", "PH", "--json").output)
    assert listed["total"] == 1 and listed["items"][0]["title_ja"] == "マニラで逮捕"
    assert json.loads(ncb("news", "list", "--country", "FR", "--json").output)["total"] == 0


def test_a_news_item_without_a_japanese_body_exits_3_and_stores_nothing(ncb) -> None:  # type: ignore[no-untyped-def]
    refused = ncb("news", "add", "--title-en", "x", "--title-ja", "x", "--body-en", "x")
    assert refused.exit_code == 3 and "body_ja" in refused.output
    assert json.loads(ncb("news", "list", "--json").output)["total"] == 0


def test_the_public_cannot_write_news_and_tips_start_empty(ncb) -> None:  # type: ignore[no-untyped-def]
    refused = ncb("--as", "public", "news", "add", "--title-en", "x", "--title-ja", "x", "--body-en", "x",
                  "--body-ja", "x")
    assert refused.exit_code == 7
    assert json.loads(ncb("tips", "list", "--json").output) == []
