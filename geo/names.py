"""Naming conventions: which variant of a name a label shows.

Armenian usage is written in Armenian script (``hy``); ``hy_Latn`` is its romanization by
BGN/PCGN 1981, made by :mod:`geo.romanize` when the layers are built, never typed.
Azerbaijani usage (``az``) is in the Azerbaijani Latin alphabet, Russian (``ru``) in Cyrillic.
"""
from __future__ import annotations

from .model import Feature

#: Convention code -> (label shown to users, name keys tried in order).
CONVENTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "en": ("English", ("en",)),
    "az": ("Azerbaijani usage", ("az",)),
    "hy": ("Armenian usage", ("hy", "hy_Latn")),
    "ru": ("Russian", ("ru",)),
}
VARIANT_LABELS = {"en": "English", "az": "Azerbaijani", "hy": "Armenian", "hy_Latn": "Armenian (BGN/PCGN romanization)",
                  "ru": "Russian", "ru_alt": "Russian (alt.)"}


def for_language(lang: str | None, convention: str | None = None) -> str:
    """The naming convention a page shows: ``convention`` when the reader chose one, else the
    usage of the interface language where there is one (a Russian page shows Russian names,
    an Armenian page Armenian usage, an Azerbaijani page Azerbaijani usage), else English."""
    if convention:
        return convention
    return lang if lang in CONVENTIONS else "en"


def label(feature: Feature, convention: str = "en") -> str:
    """The feature's name in a convention, falling back to its English name."""
    for key in CONVENTIONS.get(convention, CONVENTIONS["en"])[1]:
        value = feature.names.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return feature.name


def variants(feature: Feature) -> list[tuple[str, str]]:
    """(language label, name) for every distinct variant of the feature's name."""
    seen, out = set(), []
    for key, value in feature.names.items():
        values = value if isinstance(value, list) else [value]
        for v in values:
            if isinstance(v, str) and v and v not in seen:
                seen.add(v)
                out.append((VARIANT_LABELS.get(key, "other"), v))
    return out
