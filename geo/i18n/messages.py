"""The catalogue's messages that are not in a ``_()`` call of the code: the registries' labels
(layers, styles, road statuses, sides, vantage groups, naming conventions, the area frame)
and the record's own sentences (the story's captions, the chronology's changes of hands).
``scripts/i18n_catalogue.py`` adds them to the template beside what ``pybabel extract`` finds;
tests/test_i18n.py checks that each is in every language's catalogue."""
from __future__ import annotations

import json
from pathlib import Path


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
    from ..exports import FORMATS
    for fmt in FORMATS:
        for label, _request, _name in fmt.downloads:
            out.append((label, f"geo/exports.py format {fmt.name} download"))
    return out


def record_messages(data_dir: Path) -> list[tuple[str, str]]:
    """(message, where) of the story's captions and the chronology's change sentences."""
    out = []
    story = json.loads((data_dir / "story.json").read_text(encoding="utf-8"))
    for stop in story.get("stops", []):
        if stop.get("caption"):
            out.append((stop["caption"], f"data/story.json stop {stop.get('date')}"))
    chronology = json.loads((data_dir / "chronology.json").read_text(encoding="utf-8"))
    for change in chronology.get("changes", []):
        if change.get("change"):
            out.append((change["change"], f"data/chronology.json change {change.get('id')}"))
    return out
