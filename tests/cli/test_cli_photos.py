"""``ncb notices photo add|remove|save`` on both databases: a photo stored as a clean JPEG with its thumbnail, bad
files refused with exit code 3 and nothing stored, another bureau refused with 4 or 7."""

from __future__ import annotations

import io
import json
from pathlib import Path

from PIL import Image

from tests.cli.test_cli_notices import draft_file, ncb  # noqa: F401  (the fixtures)
from tests.photo_samples import phone_jpeg, png_claiming


def test_a_photo_is_added_saved_and_removed(ncb, draft_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    entity_id = json.loads(ncb("notices", "create", str(draft_file), "--json").stdout)["entity_id"]
    photo = tmp_path / "phone.jpg"
    photo.write_bytes(phone_jpeg())
    added = ncb("notices", "photo", "add", entity_id.replace("/", "-"), str(photo), "--json")
    assert added.exit_code == 0, added.output
    body = json.loads(added.stdout)
    assert (body["width"], body["height"], body["source_format"]) == (200, 400, "JPEG")
    out = tmp_path / "saved.jpg"
    saved = ncb("notices", "photo", "save", entity_id, body["thumbnail_id"], "-o", str(out))
    assert saved.exit_code == 0, saved.output
    image = Image.open(io.BytesIO(out.read_bytes()))
    assert image.size == (100, 133) and len(image.getexif()) == 0
    shown = json.loads(ncb("notices", "show", entity_id, "--json").stdout)
    assert shown["subject"]["photos"] == [{"picture_id": body["picture_id"], "thumbnail_id": body["thumbnail_id"],
                                           "media_type": "image/jpeg"}]
    removed = ncb("notices", "photo", "remove", entity_id, body["picture_id"])
    assert removed.exit_code == 0 and "0 left" in removed.output
    assert json.loads(ncb("notices", "show", entity_id, "--json").stdout)["subject"]["photos"] == []


def test_bad_files_and_other_bureaus_are_refused_with_their_exit_codes(ncb, draft_file: Path,  # type: ignore[no-untyped-def]  # noqa: F811
                                                                       tmp_path: Path) -> None:
    entity_id = json.loads(ncb("notices", "create", str(draft_file), "--json").stdout)["entity_id"]
    bomb, text = tmp_path / "bomb.png", tmp_path / "notes.txt"
    bomb.write_bytes(png_claiming(100_000, 100_000))
    text.write_text("not a photo")
    for path, words in ((bomb, "too many pixels"), (text, "not an image"), (tmp_path / "missing.jpg", "")):
        refused = ncb("notices", "photo", "add", entity_id, str(path))
        assert refused.exit_code in (2, 3) and words in refused.output, refused.output
    good = tmp_path / "phone.jpg"
    good.write_bytes(phone_jpeg())
    assert ncb("--as", "bureau:FR", "notices", "photo", "add", entity_id, str(good)).exit_code == 4
    assert ncb("--role", "border_officer", "notices", "photo", "add", entity_id, str(good)).exit_code == 7
    assert ncb("notices", "photo", "remove", entity_id, "123").exit_code == 4
    assert json.loads(ncb("notices", "show", entity_id, "--json").stdout)["subject"]["photos"] == []
