"""Names in their own script, and the Armenian romanization (BGN/PCGN 1981).

Every built layer and base-map file is read as committed: each ``hy`` must be Armenian
script, each ``hy_Latn`` must be exactly :func:`geo.romanize.romanize_hy` of its ``hy``,
each ``ru`` Cyrillic, each ``az`` in the Azerbaijani Latin alphabet; the editable inputs
(data/drawn/) carry no typed ``hy_Latn``.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from geo.names import label
from geo.romanize import SCHEME, romanize_hy, with_hy_latn

DATA = Path(__file__).resolve().parent.parent / "data"
BUILT = sorted((DATA / "layers").glob("*.geojson")) + sorted((DATA / "basemap").glob("*.geojson"))
DRAWN = sorted((DATA / "drawn").rglob("*.geojson"))
ARMENIAN_LETTER = re.compile("[\u0531-\u0556\u0561-\u0587]")
CYRILLIC_LETTER = re.compile("[\u0400-\u04FF]")
LATIN_OR_OTHER_SCRIPT = re.compile("[A-Za-z\u00C0-\u024F\u0400-\u04FF]")
#: The Azerbaijani Latin alphabet (lower case); other letters are not Azerbaijani spelling.
AZ_LETTERS = set("abcçdeəfgğhxıijkqlmnoöprsştuüvyz")


def named_features():
    for path in BUILT:
        for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
            names = f["properties"].get("names") or {}
            if names:
                yield path.name, f["properties"].get("id"), names


NAMED = list(named_features())


def test_the_layers_have_names_to_check():
    assert len(NAMED) > 100


@pytest.mark.parametrize("file,fid,names", NAMED, ids=[f"{f}:{i}" for f, i, _ in NAMED])
def test_each_name_in_its_own_script(file, fid, names):
    hy, ru, az = names.get("hy"), names.get("ru"), names.get("az")
    assert hy and ARMENIAN_LETTER.search(hy), f"{file} {fid}: names.hy {hy!r} is not in Armenian script"
    assert not LATIN_OR_OTHER_SCRIPT.search(hy), f"{file} {fid}: names.hy {hy!r} mixes in another script"
    assert names.get("hy_Latn") == romanize_hy(hy), (
        f"{file} {fid}: names.hy_Latn {names.get('hy_Latn')!r} is not {SCHEME} of hy ({romanize_hy(hy)!r})")
    assert ru and CYRILLIC_LETTER.search(ru) and not re.search("[A-Za-z\u0531-\u0587]", ru), (
        f"{file} {fid}: names.ru {ru!r} is not Cyrillic")
    letters = {c for c in az.lower() if c.isalpha()}
    assert letters <= AZ_LETTERS, f"{file} {fid}: names.az {az!r} has letters outside the Azerbaijani alphabet"


@pytest.mark.parametrize("path", DRAWN, ids=[p.name for p in DRAWN])
def test_the_drawn_inputs_type_no_romanization(path):
    typed = [f["properties"]["id"] for f in json.loads(path.read_text(encoding="utf-8"))["features"]
             if "hy_Latn" in (f["properties"].get("names") or {})]
    assert not typed, f"{path.name}: hy_Latn is typed for {typed}; it is made from hy when the layers are built"


@pytest.mark.parametrize("armenian,latin", [
    # examples of the system's rules (the table itself is the source's)
    ("Երևան", "Yerevan"),                 # ե initial -> ye, և after a consonant -> ev
    ("Հայաստան", "Hayastan"),
    ("Ստեփանակերտ", "Step’anakert"),      # փ -> p’ (U+2019)
    ("Քարվաճառ", "K’arvacharr"),          # ք -> k’, ճ -> ch, ռ -> rr
    ("Հադրութ", "Hadrut’"),               # ու -> u, թ -> t’
    ("Ոսկեպար", "Voskepar"),              # ո initial -> vo
    ("Մարտունի", "Martuni"),
    ("Քաշաթաղ", "K’ashat’agh"),
    ("Ջաբրայիլ", "Jabrayil"),
    ("Բերձոր", "Berdzor"),                # ե after a consonant -> e
    ("Այեր", "Ayer"),                     # յ is a consonant: ե after it -> e
])
def test_romanization_examples(armenian, latin):
    assert romanize_hy(armenian) == latin


def test_romanization_context_rules():
    assert romanize_hy("Իջևան") == "Ijevan"
    assert romanize_hy("և") == "yev"                       # alone
    assert romanize_hy("Ռաև") == "Rrayev"                  # after a vowel
    assert romanize_hy("ով") == "ov"                       # the one exception to initial vo
    assert romanize_hy("Մաեր") == "Mayer"                  # ե after a vowel -> ye
    assert romanize_hy("ԽՍՀ") == "KHSH"                    # a word in capitals stays in capitals
    assert romanize_hy("Շուշի, Շուշի") == "Shushi, Shushi"
    assert romanize_hy("դիմումը՝ մարզը։") == "dimumy, marzy."   # Armenian comma and full stop
    assert romanize_hy("(1994)") == "(1994)"


def test_a_letter_outside_the_table_is_refused():
    with pytest.raises(ValueError, match="not in the BGN/PCGN 1981 table"):
        romanize_hy("աւ")


def test_with_hy_latn_replaces_a_typed_value_and_keeps_the_order():
    names = with_hy_latn({"en": "Shusha", "hy": "Շուշի", "hy_Latn": "Shusha (typed)", "ru": "Шуша"})
    assert list(names) == ["en", "hy", "hy_Latn", "ru"] and names["hy_Latn"] == "Shushi"
    assert "hy_Latn" not in with_hy_latn({"en": "x", "ru": "х"})


def test_the_armenian_convention_shows_armenian_script(atlas):
    town = atlas.by_id["place-stepanakert-khankendi"]
    assert label(town, "hy") == "Ստեփանակերտ"
    assert label(town, "en") == "Stepanakert" and label(town, "az") == "Xankəndi"


#: District -> the town it is named after, and the conventions in which it is (Armenian usage
#: names Khojaly district after the former Askeran district, not after Khojaly/Ivanyan).
NAMED_AFTER = {
    "prov-lachin": ("place-lachin-berdzor", "en az hy ru"),
    "prov-kalbajar": ("place-kalbajar-karvachar", "en az hy ru"),
    "prov-qubadli": ("place-qubadli-kashunik", "en az hy ru"),
    "prov-zangilan": ("place-zangilan-kovsakan", "en az hy ru"),
    "prov-jabrayil": ("place-jabrayil", "en az hy ru"),
    "prov-fuzuli": ("place-fuzuli", "en az hy ru"),
    "prov-agdam": ("place-agdam", "en az hy ru"),
    "prov-shusha": ("place-shusha-shushi", "en az hy ru"),
    "prov-tartar": ("place-tartar", "en az hy ru"),
    "prov-khankendi": ("place-stepanakert-khankendi", "en az hy ru"),
    "prov-khojaly": ("place-khojaly-ivanyan", "en az ru"),
}


def _stem(name: str, convention: str) -> str:
    """The part of a town's name its district's name repeats (Russian adjectives drop a final vowel)."""
    return name[:-1] if convention == "ru" and name[-1] in "аыи" else name


@pytest.mark.parametrize("district,town,conventions", [(d, t, c) for d, (t, c) in NAMED_AFTER.items()])
def test_a_district_is_named_like_its_town_in_every_convention(atlas, district, town, conventions):
    d, t = atlas.by_id[district].names, atlas.by_id[town].names
    for convention in conventions.split():
        assert _stem(t[convention], convention) in d[convention], (
            f"{district} names.{convention} {d[convention]!r} does not name {town} ({t[convention]!r})")
