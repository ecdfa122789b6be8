"""The public corrections log (data/corrections.json): its schema and validation (unknown ids
are errors naming file, id and field), this pass recorded in it, and the log shown in the
exported day map and timeline (escaped)."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from geo import load_atlas
from geo.cli import main
from geo.corrections import check_corrections, corrections_html, parse_corrections, read_corrections
from geo.export_html import day_map_html, timeline_html

from conftest import DATA_DIR, write_dataset
from hostile import IMG, SCRIPT

ENTRY = {"id": "2026-12-test", "date": "2026-12-05", "what": "Moved a line", "before": "Here", "after": "There",
         "why": "A report", "reference_ids": ["src-a"], "change_ids": []}


def _log(*entries):
    return {"about": "test", "corrections": [dict(e) for e in entries]}


def test_the_shipped_log_is_sound_and_newest_first():
    corrections, problems = read_corrections(DATA_DIR)
    assert problems == [] and len(corrections) >= 10
    assert [c.date for c in corrections] == sorted((c.date for c in corrections), reverse=True)


def test_the_log_records_this_pass():
    corrections, _ = read_corrections(DATA_DIR)
    features = {f for c in corrections for f in c.feature_ids}
    assert {"ev-1990-01-20-baku", "ev-1988-02-22-askeran", "ev-1992-04-10-maraghar", "ev-1992-06-shahumyan",
            "ev-1992-05-azerbaijani-displacement", "ev-2022-12-12-road-closure", "ev-2023-09-24-exodus"} <= features
    aggregate = next(c for c in corrections if c.id == "2026-12-aggregate-references")
    assert "reports-2020-war" in aggregate.before and "2020-11-shusha" in aggregate.change_ids


def test_the_log_keeps_the_file_format():
    text = (DATA_DIR / "corrections.json").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=1, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("field, value, message", [
    ("why", None, "why: must be a string"),
    ("date", "5 December 2026", "date: must be the day the correction was made"),
    ("reference_ids", "src-a", "reference_ids: must be a list"),
])
def test_a_malformed_entry_is_named(field, value, message):
    _, problems = parse_corrections(_log({**ENTRY, field: value}))
    assert len(problems) == 1 and str(problems[0]).startswith(f"corrections.json: 2026-12-test: {message}"), problems


def test_a_missing_field_and_a_duplicate_id_are_named():
    entry = dict(ENTRY)
    del entry["after"]
    corrections, problems = parse_corrections(_log(entry, ENTRY, ENTRY))
    assert [(p.item_id, p.field, p.message) for p in problems] == [
        ("2026-12-test", "after", "missing"), ("2026-12-test", "id", "duplicate correction id")]
    assert len(corrections) == 1


def test_unknown_ids_are_errors():
    corrections, _ = parse_corrections(_log({**ENTRY, "reference_ids": ["src-a", "reports-2020-war"],
                                             "change_ids": ["1999-nothing"], "feature_ids": ["ev-none"]}))
    problems = check_corrections(corrections, {"src-a"}, {"1992-05-shusha"}, {"ev-a"})
    assert [str(p) for p in problems] == [
        "corrections.json: 2026-12-test: reference_ids: unknown reference 'reports-2020-war'",
        "corrections.json: 2026-12-test: change_ids: unknown chronology change '1999-nothing'",
        "corrections.json: 2026-12-test: feature_ids: unknown feature 'ev-none'"]


def test_validate_refuses_an_unknown_reference(tmp_path, dataset_files, capsys):
    dataset_files["corrections.json"] = _log({**ENTRY, "reference_ids": ["no-such-document"]})
    data, texts = write_dataset(tmp_path, dataset_files)
    assert main(["validate", "--data", str(data), "--sources", str(texts)]) == 1
    assert "corrections.json: 2026-12-test: reference_ids: unknown reference 'no-such-document'" in capsys.readouterr().err
    dataset_files["corrections.json"] = _log(ENTRY)
    data, texts = write_dataset(tmp_path / "ok", dataset_files)
    assert main(["validate", "--data", str(data), "--sources", str(texts)]) == 0


# -- shown to readers -------------------------------------------------------------------------
def test_the_exported_pages_carry_the_corrections(atlas):
    corrections, _ = read_corrections(DATA_DIR)
    for html in (day_map_html(atlas, dt.date(1990, 1, 20)), timeline_html(atlas, "en")):
        assert f"<summary>Corrections ({len(corrections)})</summary>" in html
        assert "Split the Baku event of January 1990 in two" in html


def test_corrections_text_is_escaped(tmp_path, dataset_files):
    dataset_files["corrections.json"] = _log({**ENTRY, "what": IMG, "why": SCRIPT})
    data, texts = write_dataset(tmp_path, dataset_files)
    html = timeline_html(load_atlas(data, texts), "en")
    assert IMG not in html and SCRIPT not in html
    assert "Corrections (1)" in html
    assert corrections_html([]) == ""
