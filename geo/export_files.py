"""The ``export html`` and ``export gpkg`` commands.

The documents themselves are built in :mod:`geo.export_html` and :mod:`geo.export_gpkg`
(imported lazily here, so that ``karabakh-atlas validate`` does not pay for geopandas).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

from .escape import terminal
from .io import is_stdout, write_output
from .names import CONVENTIONS


def size_note(path: Path) -> str:
    size = Path(path).stat().st_size
    return f"{size:,} bytes, {size / (1024 * 1024):.2f} MiB"


def _report(path: Path) -> None:
    if not is_stdout(path):
        print(terminal(f"wrote {path} ({size_note(path)})"), file=sys.stderr)


# -- commands ------------------------------------------------------------------
def cmd_export_html(args) -> int:
    from . import cli, export_html

    atlas = cli._atlas(args)
    if args.timeline:
        document = export_html.timeline_html(atlas, args.names, args.layers)
    else:
        document = export_html.day_map_html(atlas, args.date, args.layers, args.names)
    write_output(args.output, document)
    _report(args.output)
    return cli.EXIT_OK


def cmd_export_gpkg(args) -> int:
    from . import cli, export_gpkg

    atlas = cli._atlas(args)
    if is_stdout(args.output):
        write_output(args.output, export_gpkg.geopackage_bytes(atlas))
    else:
        export_gpkg.write_geopackage(atlas, args.output)
    _report(args.output)
    return cli.EXIT_OK


def cmd_export_site(args) -> int:
    from . import cli, export_site

    files = export_site.write_site(cli._atlas(args), args.output, args.names, args.layers)
    size = sum(Path(f).stat().st_size for f in files)
    print(terminal(f"wrote {args.output}/ ({len(files)} files and leaflet/, {size:,} bytes); "
                   f"serve it with: python -m http.server -d {args.output}"), file=sys.stderr)
    return cli.EXIT_OK


SITE_DESCRIPTION = (
    "Write the atlas as a static site into DIR: index.html (the timeline, with #YYYY-MM-DD "
    "permalinks), data.json, the map engine's .js/.css files and Leaflet. Any static host or "
    "CDN serves it; no Python runs at read time. Locally: python -m http.server -d DIR.")
HTML_DESCRIPTION = (
    "Write one self-contained HTML file (Leaflet, styles and data inlined; it makes no "
    "request to any server when opened from disk). With --date: the map of that day with "
    "legend, tooltips, excerpt popups, a caption citing the day's sources, and the excerpts "
    "speaking of the day. With --timeline: the whole dataset with a date slider, key-date "
    "buttons, a date field and a play button; the address ending #YYYY-MM-DD opens a moment.")
GPKG_DESCRIPTION = (
    "Write a GeoPackage for GIS (QGIS opens it directly): one table per layer with the "
    "feature's names, EDTF validity (valid_from, valid_to), the first day of each bound "
    "(valid_from_start, valid_to_start), uncertainty flags, accuracy_km, method, held_by, "
    "excerpt_ids and the other properties as JSON; plus attribute tables 'excerpts' and "
    "'sources'. EPSG:4326.")


def register(formats, add_data_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add ``export html``, ``export gpkg`` and ``export site`` (a :data:`geo.cli.EXTRA_EXPORTS` hook)."""
    from . import cli

    h = formats.add_parser("html", help="self-contained HTML: the map of one day, or the timeline with a slider",
                           description=HTML_DESCRIPTION, epilog=cli.EPILOG)
    add_data_option(h)
    when = h.add_mutually_exclusive_group(required=True)
    when.add_argument("--date", type=cli._day, metavar="YYYY-MM-DD", help="the map of this day")
    when.add_argument("--timeline", action="store_true", help="the whole dataset with a client-side date slider")
    h.add_argument("--layers", type=cli._layers, metavar="A,B,...",
                   help=f"only these layers ({', '.join(cli.LAYERS)}); default all")
    h.add_argument("--names", choices=tuple(CONVENTIONS), default="en",
                   help="naming convention of labels: " + ", ".join(f"{k} = {v[0]}" for k, v in CONVENTIONS.items())
                        + " (default en; the other variants show in tooltips)")
    h.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    h.set_defaults(func=cmd_export_html)

    g = formats.add_parser("gpkg", help="GeoPackage: a table per layer, plus excerpts and sources",
                           description=GPKG_DESCRIPTION, epilog=cli.EPILOG)
    add_data_option(g)
    g.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    g.set_defaults(func=cmd_export_gpkg)

    s = formats.add_parser("site", help="a static site: the map engine and its data as plain files",
                           description=SITE_DESCRIPTION, epilog=cli.EPILOG)
    add_data_option(s)
    s.add_argument("--layers", type=cli._layers, metavar="A,B,...",
                   help=f"only these layers ({', '.join(cli.LAYERS)}); default all")
    s.add_argument("--names", choices=tuple(CONVENTIONS), default="en",
                   help="naming convention of labels (default en)")
    s.add_argument("-o", "--output", type=Path, required=True, metavar="DIR")
    s.set_defaults(func=cmd_export_site)
