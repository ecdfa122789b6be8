"""The BibTeX export read back by a BibTeX parser: url and doi verbatim (as biblatex reads
them), text fields escaped, the atlas's own entry with its dataset version."""
from __future__ import annotations

import bibtexparser
import pytest

from geo import dataset, load_atlas
from geo.cite import bib_verbatim, bibtex, cite_view, csl_items

from conftest import write_dataset

URL = "https://example.org/reports/a_b%20c/~x?q=1&r=50%25#part_2"
DOI = "10.1000/abc_def-(1)"


def _parsed(text: str) -> dict[str, dict[str, str]]:
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    return {e.key: {f.key: f.value for f in e.fields} for e in library.entries}


@pytest.fixture
def tricky(tmp_path, dataset_files):
    source = dataset_files["sources/src-a.json"]["source"]
    source.update(url=URL, doi=DOI, title="50% of {evil} & more", authors=["A. Author"])
    data, texts = write_dataset(tmp_path, dataset_files)
    return load_atlas(data, texts)


def test_url_and_doi_come_back_verbatim(tricky):
    text = bibtex(tricky)
    assert "\\textbackslash" not in text.split("url = ")[1].split("\n")[0]
    entry = _parsed(text)["src-a"]
    assert entry["url"] == URL and entry["doi"] == DOI
    assert entry["title"] == r"{50\% of \{evil\} \& more}"  # text fields stay TeX-escaped


def test_shipped_sources_parse_back_with_their_urls(atlas):
    entries = _parsed(bibtex(atlas))
    by_id = {i["id"]: i for i in csl_items(atlas)}
    assert set(entries) == set(by_id)
    compared = 0
    for key, fields in entries.items():
        for csl, bib in (("URL", "url"), ("DOI", "doi")):
            if by_id[key].get(csl):
                assert fields[bib] == by_id[key][csl], key
                compared += 1
    assert compared >= 5  # the shipped references have URLs (some with '_' and '%'-free paths) and a DOI


def test_the_atlas_entry_states_the_dataset_version(atlas):
    stamp = dataset.stamp(atlas)
    atlas_entry = _parsed(bibtex(atlas))["karabakh-atlas"]
    assert atlas_entry["version"] == stamp.version
    assert stamp.sha256 in atlas_entry["note"]
    assert atlas_entry["author"] == "{Karabakh Atlas contributors}"  # one organisation, not a person's name
    item = next(i for i in csl_items(atlas) if i["id"] == "karabakh-atlas")
    assert item["version"] == stamp.version and stamp.text() in item["note"]


def test_cite_this_view_names_the_dataset_version(atlas):
    import datetime as dt
    text = cite_view(atlas, dt.date(2021, 6, 1), "https://example.org/?date=2021-06-01", accessed=dt.date(2026, 1, 2))
    assert dataset.stamp(atlas).text() in text


def test_bib_verbatim_encodes_only_what_cannot_stand_in_a_url():
    assert bib_verbatim("https://x.org/a_b%c~d#e&f") == "https://x.org/a_b%c~d#e&f"
    assert bib_verbatim("https://x.org/{a} b\\c\"d\x07") == "https://x.org/%7Ba%7D%20b%5Cc%22d"
