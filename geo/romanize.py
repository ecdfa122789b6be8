"""Armenian script -> Latin script by the BGN/PCGN 1981 romanization of Armenian.

Every ``hy_Latn`` name in the atlas is made from its ``hy`` name by :func:`romanize_hy`;
none is typed by hand. The table and its rules are those of

    BGN/PCGN, "Romanization of Armenian: BGN/PCGN 1981 System" (U.S. Board on Geographic
    Names and UK Permanent Committee on Geographical Names; text confirmed 2019-06),
    https://assets.publishing.service.gov.uk/government/uploads/system/uploads/attachment_data/file/810208/ROMANIZATION_OF_ARMENIAN.pdf

as follows (the system reflects Eastern Armenian):

* one letter -> one Latin letter or digraph (:data:`LETTERS`); aspirated consonants take
  an apostrophe, encoded U+2019 as the system prescribes (t’, ch’, ts’, p’, k’);
* ``ու`` is ``u``;
* ``ե`` is ``ye`` at the start of a word and after the vowels ա ե է ը ի ո ու օ, else ``e``;
* ``ո`` is ``vo`` at the start of a word (``ով`` alone is ``ov``), else ``o``;
* ``և`` (and ``եւ``) is ``yev`` at the start of a word, alone, and after those vowels, else ``ev``;
* capitals: a capital letter's digraph is written ``Sh``, or ``SH`` inside a word written in
  capitals (an acronym such as ԽՍՀ -> KHSH).

What the system does not cover, the atlas decides as stated here: Armenian punctuation
becomes its Latin equivalent (:data:`PUNCTUATION`; the emphasis, exclamation and question
marks written over a vowel are dropped), and any other character (digits, Latin letters,
spaces, dashes, brackets) is kept as it is. A letter outside the table (the classical ``ւ``
standing alone) raises ``ValueError``: such a name needs a decision, not a silent guess.
"""
from __future__ import annotations

SCHEME = "BGN/PCGN 1981"
SOURCE = ("BGN/PCGN, Romanization of Armenian: BGN/PCGN 1981 System (confirmed 2019-06), "
          "https://assets.publishing.service.gov.uk/government/uploads/system/uploads/attachment_data/"
          "file/810208/ROMANIZATION_OF_ARMENIAN.pdf")
APOSTROPHE = "\u2019"

#: Lower-case letter -> its romanization (ե, ո and և are handled by rule, see the module text).
LETTERS: dict[str, str] = {
    "ա": "a", "բ": "b", "գ": "g", "դ": "d", "ե": "e", "զ": "z", "է": "e", "ը": "y",
    "թ": "t" + APOSTROPHE, "ժ": "zh", "ի": "i", "լ": "l", "խ": "kh", "ծ": "ts", "կ": "k", "հ": "h",
    "ձ": "dz", "ղ": "gh", "ճ": "ch", "մ": "m", "յ": "y", "ն": "n", "շ": "sh", "ո": "o",
    "չ": "ch" + APOSTROPHE, "պ": "p", "ջ": "j", "ռ": "rr", "ս": "s", "վ": "v", "տ": "t", "ր": "r",
    "ց": "ts" + APOSTROPHE, "փ": "p" + APOSTROPHE, "ք": "k" + APOSTROPHE, "օ": "o", "ֆ": "f",
}
#: Armenian punctuation -> Latin (the atlas's choice; the system does not cover punctuation).
PUNCTUATION: dict[str, str] = {"\u055D": ",", "\u0589": ".", "\u055C": "", "\u055B": "", "\u055E": "",
                               "\u055A": APOSTROPHE, "\u058A": "-"}
#: Letters after which ե is ``ye`` and և is ``yev`` (ւ stands for the ու digraph here).
VOWELS = set("աեէըիոօ") | {"ւ"}


def is_armenian_letter(ch: str) -> bool:
    return "\u0531" <= ch <= "\u0556" or "\u0561" <= ch <= "\u0587"


def _case(latin: str, upper: bool, all_caps: bool) -> str:
    if not upper:
        return latin
    return latin.upper() if all_caps else latin[:1].upper() + latin[1:]


def _word(word: str) -> str:
    """Romanize one run of Armenian letters."""
    lower = word.lower()
    all_caps = len(word) > 1 and word == word.upper()
    if lower == "ով":
        return _case("ov", word[0].isupper(), all_caps)
    out: list[str] = []
    i = 0
    while i < len(lower):
        ch, upper = lower[i], word[i].isupper()
        prev = lower[i - 1] if i else None
        after_vowel = prev in VOWELS
        if ch == "ո" and i + 1 < len(lower) and lower[i + 1] == "ւ":
            latin, step = "u", 2
        elif ch == "ե" and i + 1 < len(lower) and lower[i + 1] == "ւ":
            latin, step = ("yev" if i == 0 or after_vowel else "ev"), 2
        elif ch == "և":
            latin, step = ("yev" if i == 0 or after_vowel else "ev"), 1
        elif ch == "ե":
            latin, step = ("ye" if i == 0 or after_vowel else "e"), 1
        elif ch == "ո":
            latin, step = ("vo" if i == 0 else "o"), 1
        elif ch in LETTERS:
            latin, step = LETTERS[ch], 1
        else:
            raise ValueError(f"{word!r}: letter {word[i]!r} (U+{ord(word[i]):04X}) is not in the {SCHEME} table")
        out.append(_case(latin, upper, all_caps))
        i += step
    return "".join(out)


def romanize_hy(text: str) -> str:
    """``text`` (Armenian script) romanized by BGN/PCGN 1981 (see the module text)."""
    out: list[str] = []
    i = 0
    while i < len(text):
        if is_armenian_letter(text[i]):
            j = i
            while j < len(text) and is_armenian_letter(text[j]):
                j += 1
            out.append(_word(text[i:j]))
            i = j
        else:
            out.append(PUNCTUATION.get(text[i], text[i]))
            i += 1
    return "".join(out)


def with_hy_latn(names: dict) -> dict:
    """``names`` with ``hy_Latn`` made from ``hy`` (placed right after it); a typed ``hy_Latn``
    is replaced. Names without ``hy`` come back without ``hy_Latn``."""
    out: dict = {}
    for key, value in names.items():
        if key == "hy_Latn":
            continue
        out[key] = value
        if key == "hy" and isinstance(value, str) and value:
            out["hy_Latn"] = romanize_hy(value)
    return out
