"""The fonts that make Armenian and Cyrillic display offline (geo/static/fonts, SIL OFL 1.1).

:func:`font_face_css` is a stylesheet of ``@font-face`` rules with the fonts inlined as data URIs
(an exported page carries them; the dashboard serves the same text as ``engine/fonts.css``). Each
face is limited by ``unicode-range`` to its script, so Latin text keeps the page's own font and
only Armenian and Cyrillic letters are drawn with Noto Sans.

:func:`font_face_css` with ``family="Source Sans"`` (:data:`STREAMLIT_FAMILY`) declares the same
faces under the family Streamlit's own widgets use: a browser draws each letter with the face of
the family whose range holds it, so the dashboard's sidebar, buttons and captions keep Streamlit's
font for Latin letters and draw Armenian and Cyrillic with these, with no network.
"""
from __future__ import annotations

import base64
from functools import lru_cache
from importlib import resources

FAMILY = "Karabakh Atlas Noto"
#: (file, weight, unicode-range) of every face (the ranges of the fontsource packages' subsets).
FACES = (
    ("noto-sans-armenian-armenian-400-normal.woff2", 400, "U+0308,U+0530-058F,U+2010,U+2024,U+25CC,U+FB13-FB17"),
    ("noto-sans-armenian-armenian-700-normal.woff2", 700, "U+0308,U+0530-058F,U+2010,U+2024,U+25CC,U+FB13-FB17"),
    ("noto-sans-cyrillic-400-normal.woff2", 400, "U+0301,U+0400-045F,U+0490-0491,U+04B0-04B1,U+2116"),
    ("noto-sans-cyrillic-700-normal.woff2", 700, "U+0301,U+0400-045F,U+0490-0491,U+04B0-04B1,U+2116"),
)
#: The family of Streamlit's interface text (its theme's "sansSerif").
STREAMLIT_FAMILY = "Source Sans"
#: Where the atlas's own text is drawn: the engine's map and boxes, the exported page, the dashboard's component.
SELECTORS = ".leaflet-container, body.ka-page, .ka-dash"


def font_bytes(name: str) -> bytes:
    return (resources.files("geo") / "static" / "fonts" / name).read_bytes()


@lru_cache(maxsize=None)
def font_face_css(family: str = FAMILY, stack: bool = True) -> str:
    """``@font-face`` rules (fonts inlined) of ``family``, and (``stack``) the font stack of the atlas's text."""
    rules = [f'@font-face{{font-family:"{family}";font-style:normal;font-display:swap;font-weight:{weight};'
             f'src:url(data:font/woff2;base64,{base64.b64encode(font_bytes(name)).decode("ascii")}) format("woff2");'
             f'unicode-range:{ranges};}}' for name, weight, ranges in FACES]
    fonts_stack = (f'{SELECTORS}{{font-family:"{FAMILY}",system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",'
                   f'"DejaVu Sans",sans-serif;}}')
    return "\n".join(rules + ([fonts_stack] if stack else [])) + "\n"
