"""Files written into the dataset at run time: a review decision appends to
``review-log.jsonl``, which the descriptor describes like any other data file (a rule of
geo/datapackage.py), so `make datapackage` and `validate` keep working on an editor's
dataset; the lock and temporary files are hidden and are no data files."""
from __future__ import annotations

import json
import subprocess
import sys

import frictionless

from conftest import ROOT
from test_review_commit import CLI, ME, proposals_file

from geo import datapackage, dataset, reviewlog
from geo.cli import main
from geo.ingest import review


def decided(tiny):
    data, texts = tiny
    path = proposals_file(data)
    before = {p.relative_to(data).as_posix() for p in data.rglob("*")}
    assert review.commit(path, ME, CLI, accept=["src-b-p000"], reject=["src-b-p001"]).changed
    written = {p.relative_to(data).as_posix() for p in data.rglob("*")} - before
    return data, texts, written


def test_every_file_a_save_writes_is_described_or_hidden(tiny):
    data, _, written = decided(tiny)
    assert reviewlog.LOG_NAME in written
    files = {p.relative_to(data).as_posix() for p in dataset.data_files(data)}
    for rel in written:
        assert rel in files or rel.startswith("."), rel  # a data file, or hidden (the lock)
        if rel in files:
            assert datapackage.rule_for(rel) is not None, rel


def test_the_descriptor_describes_the_review_log_and_validates(tiny):
    data, texts, _ = decided(tiny)
    done = subprocess.run([sys.executable, "scripts/build_datapackage.py", str(data)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    document = json.loads((data / dataset.DESCRIPTOR).read_text(encoding="utf-8"))
    [log] = [r for r in document["resources"] if r["path"] == reviewlog.LOG_NAME]
    assert log["format"] == "jsonl" and log["mediatype"] == "application/jsonl" and log["type"] == "file"
    assert log["hash"] == "sha256:" + dataset.file_sha256(data / reviewlog.LOG_NAME)
    assert document["content_hash"] == "sha256:" + dataset.content_hash(data)
    report = frictionless.validate(str(data / dataset.DESCRIPTOR))
    assert report.valid, report.flatten(["type", "note"])
    # a later decision: the descriptor's hash of the log no longer matches until it is built again
    review.commit(data / "sources" / "src-b.json", ME, CLI, accept=["src-b-p002"])
    assert not frictionless.validate(str(data / dataset.DESCRIPTOR)).valid
    assert main(["validate", "--data", str(data), "--sources", str(texts)]) == 0  # the loader ignores the log


def test_the_review_log_does_not_move_the_served_atlas(tiny):
    """The log is no input of the atlas: the version the dashboard keys its atlas by
    (geo/version.py) ignores it, so only the source file's own change reloads."""
    from geo.version import dataset_version
    data, texts, _ = decided(tiny)
    before = dataset_version(data, texts)
    with open(data / reviewlog.LOG_NAME, "a", encoding="utf-8") as log:
        log.write("\n")
    assert dataset_version(data, texts) == before
