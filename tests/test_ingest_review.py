"""A new document through ingest, review and validate, and onto the map; proposals are
validated like any excerpt and never shown until accepted."""
import datetime as dt
import json
import shutil

import pytest

from conftest import DATA_DIR, ROOT, SEEDS_DIR
from geo import load_atlas
from geo.cli import main
from geo.export import excerpts_document
from geo import access
from geo.ingest import review

DEMO = ROOT / "tests" / "fixtures" / "ingest" / "strikes-2022-09-13.html"
SOURCE_ID = "example-wire-2022-09-14"


@pytest.fixture
def workspace(tmp_path):
    """A copy of the shipped dataset and of the source texts."""
    data, texts = tmp_path / "data", tmp_path / "texts"
    shutil.copytree(DATA_DIR, data)
    shutil.copytree(SEEDS_DIR, texts)
    for path in [texts, *texts.iterdir()]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return data, texts


def _ingest(data, texts, *extra):
    out = data / "sources" / f"{SOURCE_ID}.json"
    code = main(["ingest", str(DEMO), "--data", str(data), "--id", SOURCE_ID, "--title", "Overnight fighting",
                 "--published", "2022-09-14", "--vantage-group", "international", "--author", "A. Tester",
                 "--texts", str(texts), "-o", str(out), *extra])
    return code, out


def _by_words(doc, words):
    found = [e for e in doc["excerpts"] if words in e["quote"]]
    assert len(found) == 1, words
    return found[0]


def test_demo_document_goes_through_ingest_review_validate_and_onto_the_map(workspace, capsys):
    data, texts = workspace
    code, out = _ingest(data, texts)
    assert code == 0
    assert (texts / f"{SOURCE_ID}.txt").read_text().startswith("Overnight fighting on the Armenia-Azerbaijan border")
    doc = json.loads(out.read_text())
    assert doc["source"]["text_file"] == f"{SOURCE_ID}.txt" and doc["source"]["authors"] == ["A. Tester"]
    assert doc["excerpts"] and {e["status"] for e in doc["excerpts"]} == {"proposed"}
    scores = [e["score"] for e in doc["excerpts"]]
    assert scores == sorted(scores, reverse=True)
    jermuk = _by_words(doc, "Jermuk")
    sotk = _by_words(doc, "Sotk")
    talks = _by_words(doc, "Brussels")
    assert jermuk["date"] == "2022-09-13" and "Tuesday" in jermuk["date_basis"]  # "on Tuesday", counted back
    assert {"place-jermuk", "place-goris", "place-vardenis"} <= set(jermuk["place_ids"])
    assert sotk["date"] == "2022-09-13" and sotk["place_ids"] == ["place-sotk"]
    assert "ev-2022-09-13-strikes" in sotk["feature_ids"]
    assert talks["date"] == "2022-08"  # "last month"
    for e in (jermuk, sotk):
        for ev in e["evidence"]["links"]:
            if ev["start"] is not None:
                assert (texts / f"{SOURCE_ID}.txt").read_text()[ev["start"]:ev["end"]] == ev["words"]

    # proposals validate like any excerpt, are counted, and are not on the map
    capsys.readouterr()
    assert main(["validate", "--data", str(data), "--sources", str(texts)]) == 0
    summary = capsys.readouterr().out
    assert f"{75 + len(doc['excerpts'])} excerpts (75 accepted, {len(doc['excerpts'])} proposed)" in summary
    day = dt.date(2022, 9, 13)
    before = load_atlas(data, texts)
    assert not any(e.source_id == SOURCE_ID for e in before.excerpts)
    assert len([e for e in before.unreviewed if e.source_id == SOURCE_ID]) == len(doc["excerpts"])
    assert not any(e["source_id"] == SOURCE_ID for e in excerpts_document(before)["excerpts"])

    assert main(["review", str(out), "--data", str(data), "--accept", jermuk["id"], sotk["id"],
                 "--reject", talks["id"]]) == 0
    statuses = {e["id"]: e["status"] for e in json.loads(out.read_text())["excerpts"]}
    assert statuses[jermuk["id"]] == statuses[sotk["id"]] == "accepted" and statuses[talks["id"]] == "rejected"
    capsys.readouterr()
    assert main(["validate", "--data", str(data), "--sources", str(texts)]) == 0
    assert "(77 accepted, " in capsys.readouterr().out

    after = load_atlas(data, texts)
    shown = {e.id: e for e in after.snapshot(day).excerpts}
    assert {jermuk["id"], sotk["id"]} <= set(shown) and talks["id"] not in shown
    assert sotk["id"] in after.excerpt_ids_for("place-sotk")
    assert sotk["id"] in after.excerpt_ids_for("ev-2022-09-13-strikes")
    exported = {e["id"] for e in excerpts_document(after)["excerpts"]}
    assert {jermuk["id"], sotk["id"]} <= exported and talks["id"] not in exported


def test_ingesting_again_keeps_reviewed_work(workspace, capsys):
    data, texts = workspace
    _, out = _ingest(data, texts)
    first = json.loads(out.read_text())
    sotk, talks = _by_words(first, "Sotk"), _by_words(first, "Brussels")
    assert main(["review", str(out), "--accept", sotk["id"], "--reject", talks["id"]]) == 0
    edited = json.loads(out.read_text())
    edited["source"]["publisher"] = "Example Wire"
    edited["source"]["vantage"] = "A wire service report quoting both ministries."
    next(e for e in edited["excerpts"] if e["id"] == sotk["id"])["date"] = "2022-09-13~"
    out.write_text(json.dumps(edited))
    capsys.readouterr()
    assert _ingest(data, texts)[0] == 0
    assert "2 reviewed excerpt(s) kept" in capsys.readouterr().err
    again = json.loads(out.read_text())
    assert again["source"]["publisher"] == "Example Wire"
    assert again["source"]["vantage"] == "A wire service report quoting both ministries."
    kept = {e["id"]: e for e in again["excerpts"]}
    assert kept[sotk["id"]]["status"] == "accepted" and kept[sotk["id"]]["date"] == "2022-09-13~"
    assert kept[talks["id"]]["status"] == "rejected"
    assert sum("Residents of Sotk" in e["quote"] for e in again["excerpts"]) == 1  # not proposed again
    assert len(kept) == len(again["excerpts"]) == len(first["excerpts"])  # the others proposed anew, new ids
    assert main(["validate", "--data", str(data), "--sources", str(texts)]) == 0
    assert _ingest(data, texts, "--replace")[0] == 0
    assert {e["status"] for e in json.loads(out.read_text())["excerpts"]} == {"proposed"}


@pytest.mark.parametrize("args, message", [
    (["--id", "Bad Id"], "--id 'Bad Id'"),
    (["--published", "14/09/2022"], "--published"),
    (["--url", "javascript:alert(1)"], "--url must be an http(s) address"),
])
def test_bad_ingest_options_are_usage_errors(workspace, capsys, args, message):
    data, texts = workspace
    out = data / "sources" / "x.json"
    base = {"--id": "x-1", "--title": "T", "--published": "2022-09-14", "--vantage-group": "international"}
    base.update(dict(zip(args[::2], args[1::2])))
    argv = ["ingest", str(DEMO), "--data", str(data), "--texts", str(texts), "-o", str(out)]
    for k, v in base.items():
        argv += [k, v]
    assert main(argv) == 2
    assert message in capsys.readouterr().err and not out.exists()


def test_ingest_of_an_unknown_file_type_and_an_id_in_use(workspace, tmp_path, capsys):
    data, texts = workspace
    doc = tmp_path / "x.docx"
    doc.write_text("x")
    argv = ["--data", str(data), "--title", "T", "--published", "2022", "--vantage-group", "armenian",
            "--texts", str(texts), "-o", str(tmp_path / "o.json")]
    assert main(["ingest", str(doc), "--id", "x", *argv]) == 2
    assert "unknown document type '.docx'" in capsys.readouterr().err
    assert main(["ingest", str(DEMO), "--id", "osce-insights-2020", *argv]) == 2
    assert "already used" in capsys.readouterr().err


def test_a_read_only_texts_directory_is_not_written(workspace, capsys):
    data, texts = workspace
    texts.chmod(0o555)
    try:
        code, out = _ingest(data, texts)
    finally:
        texts.chmod(0o755)
    assert code == 2 and "is read-only; pass --texts DIR" in capsys.readouterr().err
    assert not (texts / f"{SOURCE_ID}.txt").exists() and not out.exists()


def test_reject_below_a_score(workspace):
    data, texts = workspace
    _, out = _ingest(data, texts)
    doc = json.loads(out.read_text())
    weakest = min(doc["excerpts"], key=lambda e: e["score"])
    keep = next(e for e in doc["excerpts"] if e["score"] < 0.5 and e["id"] != weakest["id"])
    assert main(["review", str(out), "--accept", keep["id"], "--reject-below", "0.5"]) == 0
    statuses = {e["id"]: (e["score"], e["status"]) for e in json.loads(out.read_text())["excerpts"]}
    assert statuses[keep["id"]][1] == "accepted" and statuses[weakest["id"]][1] == "rejected"
    assert all(status == ("rejected" if score < 0.5 else "proposed")
               for i, (score, status) in statuses.items() if i != keep["id"])


def test_review_lists_waiting_proposals_one_safe_line_each(workspace, capsys):
    data, texts = workspace
    _, out = _ingest(data, texts)
    doc = json.loads(out.read_text())
    doc["excerpts"][0]["quote"] = "Bell\x07 and \x1b[31mred\x1b[0m"
    out.write_text(json.dumps(doc))
    capsys.readouterr()
    assert main(["review", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith(f"{len(doc['excerpts'])} proposal(s) waiting; 0 accepted, 0 rejected")
    rows = [line.split("\t") for line in lines[1:]]
    assert len(rows) == len(doc["excerpts"]) and all(len(r) == 5 for r in rows)
    assert [float(r[1]) for r in rows] == sorted((float(r[1]) for r in rows), reverse=True)
    hostile = next(r for r in rows if r[0] == doc["excerpts"][0]["id"])
    assert "\x1b" not in hostile[4] and "\x07" not in hostile[4] and "red" in hostile[4]


def test_review_errors_change_nothing(workspace, capsys):
    data, texts = workspace
    _, out = _ingest(data, texts)
    before = out.read_bytes()
    first = json.loads(before)["excerpts"][0]["id"]
    assert main(["review", str(out), "--accept", first, "no-such-id"]) == 2
    assert "no-such-id: no such excerpt" in capsys.readouterr().err
    assert main(["review", str(out), "--accept", first, "--reject", first]) == 2
    assert "both accepted and rejected" in capsys.readouterr().err
    assert out.read_bytes() == before


def test_review_edits_are_checked_like_validate(workspace):
    data, texts = workspace
    _, out = _ingest(data, texts)
    doc = review.load(out)
    text = review.source_text(doc, texts)
    eid = doc.proposals()[0]["id"]
    known = {f.id: f.layer for f in load_atlas(data, check_quotes=False).features}
    bad = {"quote": "Words the document never says.", "date": "13/09/2022", "place_ids": ["prov-lachin"],
           "feature_ids": ["place-goris"], "score": 1}
    with pytest.raises(review.ReviewError) as err:
        review.apply(doc, [eid], edits={eid: bad}, text=text, known=known)
    message = str(err.value)
    for part in ("quote: not found verbatim", "date:", "place_ids: unknown place 'prov-lachin'",
                 "feature_ids: unknown feature 'place-goris'", "score: cannot be edited"):
        assert part in message
    assert doc.by_id(eid)["status"] == "proposed"
    good = {"quote": "Residents of Sotk, a mining village near the border,", "date": "2022-09-13~",
            "place_ids": ["place-sotk"], "feature_ids": []}
    review.commit(out, access.local_actor(), access.COMMAND_LINE, accept=[eid], edits={eid: good}, text=text,
                  known=known, based_on=doc.version)
    saved = review.load(out).by_id(eid)
    assert saved["status"] == "accepted" and saved["quote"] == good["quote"] and saved["date"] == "2022-09-13~"
    assert set(saved["edited"]) >= {"quote", "date"}


def test_proposals_are_validated_like_excerpts(tiny, capsys):
    data, texts = tiny
    path = data / "sources" / "src-a.json"
    doc = json.loads(path.read_text())
    doc["excerpts"] += [
        {"id": "src-a-p001", "source_id": "src-a", "quote": "Shusha fell on 8 May 1992", "date": "1992-05-08",
         "feature_ids": [], "place_ids": ["place-a"], "status": "proposed", "score": 0.5, "evidence": {}},
        {"id": "src-a-p002", "source_id": "src-a", "quote": "Not in the text", "date": "1992-13",
         "feature_ids": ["nowhere"], "place_ids": [], "status": "proposed"},
        {"id": "src-a-p003", "source_id": "src-a", "quote": "Shusha fell", "date": "1992",
         "feature_ids": ["nowhere"], "place_ids": [], "status": "maybe"},
        {"id": "src-a-p004", "source_id": "src-a", "quote": "Not in the text either", "date": "1992",
         "feature_ids": ["nowhere"], "place_ids": [], "status": "proposed"},
    ]
    path.write_text(json.dumps(doc))
    assert main(["validate", "--data", str(data), "--sources", str(texts)]) == 1
    err = capsys.readouterr().err
    assert "src-a-p002: date:" in err
    assert "src-a-p003: status: " in err
    assert "src-a-p004: feature_ids: unknown feature 'nowhere'" in err
    assert "src-a-p004: quote: quote not found verbatim" in err
    assert "src-a-p001" not in err
    doc["excerpts"] = doc["excerpts"][:3]
    path.write_text(json.dumps(doc))
    capsys.readouterr()
    assert main(["validate", "--data", str(data), "--sources", str(texts)]) == 0
    assert "3 excerpts (2 accepted, 1 proposed)" in capsys.readouterr().out
    atlas = load_atlas(data, texts)
    assert [e.id for e in atlas.unreviewed] == ["src-a-p001"]
    assert "src-a-p001" not in atlas.excerpts_by_id and "src-a-p001" not in atlas.excerpt_ids_for("place-a")


# -- writes that cannot destroy ---------------------------------------------------------------
def test_ingest_needs_a_texts_directory_it_was_told_of(workspace, capsys, monkeypatch):
    data, texts = workspace
    monkeypatch.delenv("KARABAKH_ATLAS_SOURCES", raising=False)
    out = data / "sources" / f"{SOURCE_ID}.json"
    argv = ["ingest", str(DEMO), "--data", str(data), "--id", SOURCE_ID, "--title", "T", "--published",
            "2022-09-14", "--vantage-group", "international", "-o", str(out)]
    assert main(argv) == 2 and "KARABAKH_ATLAS_SOURCES" in capsys.readouterr().err
    assert not out.exists()
    other = texts.parent / "elsewhere"
    other.mkdir()
    monkeypatch.setenv("KARABAKH_ATLAS_SOURCES", str(texts))
    assert main(argv + ["--texts", str(other)]) == 2  # not the directory validate and the dashboard read
    assert "is not the source-texts directory" in capsys.readouterr().err and not list(other.iterdir())
    assert main(argv) == 0 and (texts / f"{SOURCE_ID}.txt").is_file()


@pytest.mark.parametrize("target", ["sources/osce-insights-2020.json", "layers/places.geojson", "provenance.json"])
def test_replace_never_overwrites_a_curated_source_a_layer_or_provenance(workspace, capsys, target):
    data, texts = workspace
    path = data / target
    before = path.read_bytes()
    assert main(["ingest", str(DEMO), "--data", str(data), "--id", "new-one", "--title", "T", "--published",
                 "2022-09-14", "--vantage-group", "international", "--texts", str(texts), "-o", str(path),
                 "--replace"]) == 2
    err = capsys.readouterr().err
    assert "--replace refused" in err or "not a source file" in err
    assert path.read_bytes() == before and not (texts / "new-one.txt").exists()


@pytest.mark.parametrize("extra, reason", [(["--published", "0999"], "outside the years")])
def test_ingest_never_writes_a_file_validate_refuses(workspace, capsys, extra, reason):
    data, texts = workspace
    out = data / "sources" / "x-1.json"
    argv = ["ingest", str(DEMO), "--data", str(data), "--id", "x-1", "--title", "T", "--vantage-group",
            "international", "--texts", str(texts), "-o", str(out)]
    assert main(argv + extra) == 2
    err = capsys.readouterr().err
    assert reason in err
    assert not out.exists() and not (texts / "x-1.txt").exists()


def test_reingesting_a_changed_document_keeps_accepted_quotes_or_refuses(workspace, tmp_path, capsys):
    data, texts = workspace
    code, out = _ingest(data, texts)
    sotk = next(e for e in json.loads(out.read_text())["excerpts"] if "Residents of Sotk" in e["quote"])
    assert main(["review", str(out), "--accept", sotk["id"]]) == 0
    changed = tmp_path / "changed.html"
    changed.write_text(DEMO.read_text(encoding="utf-8").replace("Residents of Sotk", "People of Sotk"),
                       encoding="utf-8")
    stored, before = (texts / f"{SOURCE_ID}.txt").read_bytes(), out.read_bytes()
    capsys.readouterr()
    assert main(["ingest", str(changed), "--data", str(data), "--id", SOURCE_ID, "--title", "Overnight fighting",
                 "--published", "2022-09-14", "--vantage-group", "international", "--texts", str(texts),
                 "-o", str(out)]) == 2
    assert "no longer holds the quotes of 1 accepted excerpt" in capsys.readouterr().err
    assert (texts / f"{SOURCE_ID}.txt").read_bytes() == stored and out.read_bytes() == before
    assert main(["validate", "--data", str(data), "--sources", str(texts)]) == 0


def test_a_nul_in_the_document_is_refused_before_anything_is_written(workspace, tmp_path, capsys):
    data, texts = workspace
    doc = tmp_path / "nul.txt"
    doc.write_text("Fighting near Shusha on 12 September 2022 \x00 killed two.\n\nThe road was closed.\n", encoding="utf-8")
    out = data / "sources" / "nul-doc.json"
    assert main(["ingest", str(doc), "--data", str(data), "--id", "nul-doc", "--title", "T", "--published",
                 "2022-09-14", "--vantage-group", "international", "--texts", str(texts), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "validate would refuse it" in err and "NUL character" in err
    assert not out.exists() and not (texts / "nul-doc.txt").exists()
    assert main(["validate", "--data", str(data), "--sources", str(texts)]) == 0


def test_ingest_then_review_as_the_readme_says_never_takes_the_map_down(workspace, tmp_path, capsys, monkeypatch):
    # ingest --texts DIR while validate and the dashboard read another directory (the shared
    # seeds): the text was stored where the dashboard does not look and every visitor got
    # "The dataset cannot be shown"; now ingest says where they read, and the map serves the rest
    from dashboard import versioned
    from geo.ingest import cli as ingest_cli

    data, texts = workspace
    elsewhere = tmp_path / "seeds-copy"
    shutil.copytree(SEEDS_DIR, elsewhere)
    monkeypatch.delenv("KARABAKH_ATLAS_SOURCES", raising=False)
    monkeypatch.setattr(versioned, "default_sources_dir", lambda data_dir, given=None: elsewhere)
    monkeypatch.setattr(ingest_cli, "default_sources_dir",
                        lambda data_dir, given=None: given if given is not None else elsewhere)
    code, out = _ingest(data, texts)
    assert code == 0
    assert f"set KARABAKH_ATLAS_SOURCES={texts}" in capsys.readouterr().err
    first = json.loads(out.read_text())["excerpts"][0]["id"]
    assert main(["review", str(out), "--accept", first]) == 0
    atlas = versioned.load_current(str(data))  # what the dashboard serves
    assert {q.file for q in atlas.quarantined} == {f"sources/{SOURCE_ID}.json"} and atlas.features
    monkeypatch.setattr(versioned, "default_sources_dir", lambda data_dir, given=None: texts)  # set once, as told
    atlas = versioned.load_current(str(data))
    assert not atlas.quarantined and first in atlas.excerpts_by_id
