"""Finding a feature by name, in any naming convention, variant, case or diacritics.

Every name a feature carries (``name``, each entry of ``names`` including the ``alt``
variants, its id) is folded once: Unicode NFKD with the combining marks dropped,
casefolded, the few letters NFKD leaves alone (``ə``, ``ı``) spelled as a reader
without them types them, punctuation and spaces collapsed. So ``Xankəndi``,
``XANKENDI``, ``Khankendi``, ``Степанакерт`` and ``stepanakert`` all find the same place.
Unknown names raise :class:`UnknownName` with the nearest names (rapidfuzz).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .errors import UsageError
from .layers import with_role
from .model import Feature
from .names import label

#: When one name belongs to several features, the layer whose role comes first here wins (a
#: town before its district, a district before a control area named after it).
LOOKUP_ROLES: tuple[str, ...] = ("place", "district", "control", "route", "zone", "line", "event")
LOOKUP_ORDER: tuple[str, ...] = tuple(name for role in LOOKUP_ROLES for name in with_role(role))

# Letters that NFKD does not decompose, written as a reader without them would type them.
_BASE_LETTERS = str.maketrans({"ə": "e", "ı": "i", "ø": "o", "đ": "d", "ł": "l", "ħ": "h", "ŧ": "t"})
_NOT_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """The form names are compared in: no case, no diacritics, single spaces."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_WORD.sub(" ", bare.casefold().translate(_BASE_LETTERS)).strip()


class UnknownName(UsageError):
    """No feature has this name; ``suggestions`` are the nearest names (best first)."""

    exit_code = 2

    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = suggestions
        hint = f"; nearest names: {', '.join(suggestions)}" if suggestions else ""
        super().__init__(f"no place, district or feature is named {name!r}{hint}")


@dataclass(frozen=True)
class Match:
    """A feature found by name, with the variant that matched and other features of that name."""

    feature: Feature
    matched: str
    others: tuple[Feature, ...]


def _names_of(feature: Feature) -> list[tuple[int, str]]:
    """(rank, name) for every name of a feature: 0 its own name and id, 1 a convention's, 2 a variant."""
    out = [(0, feature.name), (0, feature.id)]
    for key, value in feature.names.items():
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, str) and v.strip():
                out.append((2 if key == "alt" or key.endswith("_alt") else 1, v))
    return out


class NameIndex:
    """Every folded name of the atlas's features, for exact lookup and suggestions."""

    def __init__(self, features: list[Feature]):
        order = {layer: i for i, layer in enumerate(LOOKUP_ORDER)}
        self._entries: dict[str, list[tuple[tuple[int, int], str, Feature]]] = {}
        for feature in features:
            for rank, name in _names_of(feature):
                key = fold(name)
                if key:
                    sort_key = (order.get(feature.layer, len(order)), rank)
                    self._entries.setdefault(key, []).append((sort_key, name, feature))
        for entries in self._entries.values():
            entries.sort(key=lambda e: (e[0], e[2].id))
        self._keys = list(self._entries)

    def find(self, name: str) -> Match:
        """The feature of that name (see :data:`LOOKUP_ORDER`); :class:`UnknownName` if none."""
        entries = self._entries.get(fold(name))
        if not entries:
            raise UnknownName(name, self.suggest(name))
        best = entries[0][2]
        others, seen = [], {best.id}
        for _, _, feature in entries[1:]:
            if feature.id not in seen:
                seen.add(feature.id)
                others.append(feature)
        return Match(best, entries[0][1], tuple(others))

    def suggest(self, name: str, limit: int = 5, convention: str = "en") -> list[str]:
        """The nearest names (as the features' labels in ``convention``), best first."""
        query = fold(name)
        if not query:
            return []
        found = process.extract(query, self._keys, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=75)
        out: list[str] = []
        seen: set[str] = set()
        for key, _, _ in found:
            _, matched, feature = self._entries[key][0]
            if feature.id in seen:
                continue
            seen.add(feature.id)
            shown = label(feature, convention)
            out.append(shown if fold(shown) == key else f"{shown} ({matched})")
            if len(out) == limit:
                break
        return out
