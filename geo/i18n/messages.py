"""The catalogue's messages that are not in a ``_()`` call of the code: the registries' labels
(layers, styles, road statuses, sides, vantage groups, naming conventions, name variants, the
area frame, the base map's country labels) and the record's own texts a reader sees (the
story's captions, the chronology's changes of hands, and the feature texts of
:data:`FEATURE_TEXTS`: event notes, methods, road statuses, the schematic rivers' methods).
``scripts/i18n_catalogue.py`` adds them to the template beside what ``pybabel extract`` finds;
tests/test_i18n.py checks that each is in every language's catalogue. The record's files keep
their English (data downloads stay data); only what is drawn or shown is translated, through
:func:`geo.i18n.text`."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

#: The feature texts a reader sees in the answer card and the hover box, by the role of the
#: layer (geo/layers.py): "note" (an event's note, under "About" in the card), "method" (how
#: the feature was drawn, "Method: ..."), "status" (a route's status labels, its
#: ``status_history[].label``). The control areas' methods (not shown: the card answers "who
#: held it") and the notes of places and districts (not shown) are data and stay English.
#: The engine data builder gives every text it draws through the catalogue (geo/engine.py);
#: a text listed here is extracted, so one left untranslated fails the catalogue check.
FEATURE_TEXTS: dict[str, tuple[str, ...]] = {
    "event": ("note", "method"),
    "route": ("method", "status"),
    "zone": ("method",),
    "line": ("method",),
    "place": ("method",),
    "district": ("method",),
}
#: Base-map files whose features' texts are shown (the schematic rivers' hover box).
BASEMAP_TEXTS: dict[str, tuple[str, ...]] = {"basemap/schematic_rivers.geojson": ("method",)}
#: The context of the name variants' labels ("Armenian: ..." in a tooltip names a usage).
VARIANT_CONTEXT = "name variant"
#: The context of the features' kinds as a reader reads them ("held area", "village": the
#: dashboard's table of the map as text), each kind with its underscores as spaces.
KIND_CONTEXT = "feature kind"


def kind_text(kind: str) -> str:
    """A feature's kind as words ("held_area" -> "held area"), the message of its translation."""
    return str(kind).replace("_", " ")


def schema_messages() -> list[tuple[str, str]]:
    """(message, where) of the schemas' own error words (``errorMessage``, geo/schema/*.json)."""
    from importlib.resources import files
    out = []
    def walk(node, where):
        if isinstance(node, dict):
            if isinstance(node.get("errorMessage"), str):
                out.append((node["errorMessage"], where))
            for value in node.values():
                walk(value, where)
        elif isinstance(node, list):
            for value in node:
                walk(value, where)
    for path in sorted(files("geo.schema").iterdir(), key=lambda p: p.name):
        if path.name.endswith(".json"):
            walk(json.loads(path.read_text(encoding="utf-8")), f"geo/schema/{path.name}")
    return out


def registry_messages() -> list[tuple[str, str]]:
    """(message, where) of every registry label a reader sees."""
    from .. import layers as layer_registry
    from ..frame import FRAME_LABEL
    from ..model import VANTAGE_GROUPS
    from ..names import CONVENTIONS

    out = []
    for layer in layer_registry.REGISTRY:
        out.append((layer.title, f"geo/layers.py layer {layer.id} title"))
        for key, entry in layer.styles.items():
            if "|" not in key:
                out.append((entry.label, f"geo/layers.py layer {layer.id} style {key}"))
    for status, entry in layer_registry.ROAD_STATUSES.items():
        out.append((entry.label, f"geo/layers.py road status {status}"))
    for side, text in layer_registry.SIDES.items():
        out.append((text, f"geo/layers.py side {side}"))
    for group, text in VANTAGE_GROUPS.items():
        out.append((text, f"geo/model.py vantage group {group}"))
    for convention, (text, _codes) in CONVENTIONS.items():
        out.append((f"naming convention\x04{text}", f"geo/names.py naming convention {convention}"))
    from ..names import VARIANT_LABELS
    for key, text in {**VARIANT_LABELS, "other": "other"}.items():
        out.append((f"language of a name\x04{text}", f"geo/names.py variant label {key}"))
    out.append((FRAME_LABEL, "geo/frame.py FRAME_LABEL"))
    from ..names import VARIANT_LABELS
    for key, text in VARIANT_LABELS.items():
        out.append((f"{VARIANT_CONTEXT}\x04{text}", f"geo/names.py name variant {key}"))
    out.append((f"{VARIANT_CONTEXT}\x04other", "geo/names.py name variant (other)"))
    from ..cartography import COUNTRY_LABELS
    for name in COUNTRY_LABELS:
        out.append((name, "geo/cartography.py COUNTRY_LABELS"))
    from ..exports import FORMATS
    for fmt in FORMATS:
        for label, _request, _name in fmt.downloads:
            out.append((label, f"geo/exports.py format {fmt.name} download"))
    return out + schema_messages()


def feature_texts(properties: dict, fields: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """(field, text) of a feature's ``fields`` (:data:`FEATURE_TEXTS`) that hold a text."""
    for field in fields:
        if field == "status":
            for entry in properties.get("status_history") or []:
                if isinstance(entry, dict) and isinstance(entry.get("label"), str) and entry["label"]:
                    yield f"status {entry.get('status')}", entry["label"]
        elif isinstance(properties.get(field), str) and properties[field]:
            yield field, properties[field]


def layer_texts(data_dir: Path) -> list[tuple[str, str]]:
    """(message, where) of the feature texts of :data:`FEATURE_TEXTS` and :data:`BASEMAP_TEXTS`
    in the dataset ``data_dir`` (its ``layers/<id>.geojson`` and base-map files)."""
    from .. import layers as layer_registry

    files = [(Path("layers") / f"{layer.id}.geojson", FEATURE_TEXTS[layer.role])
             for layer in layer_registry.REGISTRY if layer.role in FEATURE_TEXTS]
    files += [(Path(name), fields) for name, fields in BASEMAP_TEXTS.items()]
    out = []
    for relative, fields in files:
        path = data_dir / relative
        if not path.is_file():
            continue
        for feature in json.loads(path.read_text(encoding="utf-8")).get("features", []):
            properties = feature.get("properties") or {}
            for field, text in feature_texts(properties, fields):
                out.append((text, f"data/{relative.as_posix()} {properties.get('id')} {field}"))
    return out


def kind_messages(data_dir: Path) -> list[tuple[str, str]]:
    """(message, where) of every feature kind of the dataset's layers (:data:`KIND_CONTEXT`)."""
    from .. import layers as layer_registry

    out = []
    for layer in layer_registry.REGISTRY:
        path = data_dir / "layers" / f"{layer.id}.geojson"
        if not path.is_file():
            continue
        kinds = {(f.get("properties") or {}).get("kind") for f in json.loads(path.read_text(encoding="utf-8")).get("features", [])}
        for kind in sorted(k for k in kinds if isinstance(k, str) and k):
            out.append((f"{KIND_CONTEXT}\x04{kind_text(kind)}", f"data/layers/{layer.id}.geojson kind {kind}"))
    return out


def record_messages(data_dir: Path) -> list[tuple[str, str]]:
    """(message, where) of the story's captions, the chronology's change sentences and the
    feature texts a reader sees (:func:`layer_texts`)."""
    out = []
    story = json.loads((data_dir / "story.json").read_text(encoding="utf-8"))
    for stop in story.get("stops", []):
        if stop.get("caption"):
            out.append((stop["caption"], f"data/story.json stop {stop.get('date')}"))
    chronology = json.loads((data_dir / "chronology.json").read_text(encoding="utf-8"))
    for change in chronology.get("changes", []):
        if change.get("change"):
            out.append((change["change"], f"data/chronology.json change {change.get('id')}"))
    return out + layer_texts(data_dir) + kind_messages(data_dir) + correction_messages(data_dir)


#: The fields of a corrections-log entry a reader sees (geo/corrections.py corrections_html).
CORRECTION_FIELDS = ("what", "before", "after", "why")


def correction_messages(data_dir: Path) -> list[tuple[str, str]]:
    """(message, where) of the corrections log's entries, shown in the About text and the pages."""
    path = data_dir / "corrections.json"
    if not path.exists():
        return []
    document = json.loads(path.read_text(encoding="utf-8"))
    entries = document.get("corrections", []) if isinstance(document, dict) else []
    return [(entry[field], f"data/corrections.json {entry.get('id')} {field}")
            for entry in entries if isinstance(entry, dict)
            for field in CORRECTION_FIELDS if isinstance(entry.get(field), str) and entry[field]]
