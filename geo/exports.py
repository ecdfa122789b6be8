"""The export registry: one record per format the atlas is written in.

The CLI's ``karabakh-atlas export <format>`` subcommands are generated from
:data:`FORMATS` (``geo.cli``), and the dashboard's downloads loop over the same records
(``dashboard.app``). A format is one :class:`ExportFormat`: its name, file suffix, MIME
type, scope (``day``: depends on the date, layers and naming convention shown; ``all``:
the whole dataset), the options it takes, the function that builds it, and its help.
Heavy modules (geopandas for the GeoPackage, the HTML pages) are imported when a
format is built, so ``karabakh-atlas validate`` does not pay for them.
"""
from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import layers as layer_registry
from .atlas import Atlas
from .dates import parse_day
from .errors import DateError
from .i18n import N_, _
from .names import CONVENTIONS


@dataclass(frozen=True)
class Request:
    """What to export: the day (None: every date), the layers (None: all), the naming
    convention, and for HTML whether the whole timeline is wanted."""

    day: dt.date | None = None
    layers: tuple[str, ...] | None = None
    #: the naming convention; None: the interface language's usage (geo.names.for_language)
    names: str | None = "en"
    timeline: bool = False
    #: the GeoPackage's QGIS styles also as .qml files in this folder
    styles: Path | None = None
    #: the interface language of a page; None: every language, the reader's chosen when it opens
    lang: str | None = None


@dataclass(frozen=True)
class ExportFormat:
    name: str
    suffix: str
    mime: str
    #: "day": the file depends on the date (and layers, names) shown; "all": the whole dataset
    scope: str
    #: (atlas, request) -> the file's content
    build: Callable[[Atlas, Request], str | bytes]
    help: str
    description: str = ""
    #: command-line options beyond -o: "date-or-all", "date-or-timeline", "layers", "names", "styles"
    options: tuple[str, ...] = ()
    #: the dashboard's download buttons: (label, the view -> the request, the view -> the file name)
    downloads: tuple[tuple[str, Callable[[Request], Request], Callable[[Request], str]], ...] = ()
    #: write the output at a path (for formats that are not one string: a folder, a database)
    write: Callable[[Atlas, Request, Path], list[Path] | Path] | None = None
    #: the output is a directory
    directory: bool = False


def stem(view: Request, names: bool = False) -> str:
    """``karabakh-atlas_<day>[_<layers>][_<names>]``: the file names of what the view shows."""
    parts = ["karabakh-atlas"]
    if view.day is not None:
        parts.append(view.day.isoformat())
    if view.layers is not None and tuple(view.layers) != layer_registry.LAYER_IDS:
        parts.append("+".join(view.layers) or "no-layers")
    if names:
        parts.append(view.names)
    return "_".join(parts)


# -- command-line argument types (shared by every format's options) -----------------------
def day_argument(text: str) -> dt.date:
    try:
        return parse_day(text)
    except DateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def layers_argument(text: str) -> list[str]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in layer_registry.BY_ID]
    if unknown:
        raise argparse.ArgumentTypeError(_("unknown layer(s) {layers}; choose from {choices}",
                                           layers=", ".join(unknown), choices=", ".join(layer_registry.LAYER_IDS)))
    return names


def add_options(parser: argparse.ArgumentParser, fmt: ExportFormat) -> None:
    """The options of ``export <fmt.name>``."""
    if "date-or-all" in fmt.options:
        when = parser.add_mutually_exclusive_group(required=True)
        when.add_argument("--date", type=day_argument, metavar="YYYY-MM-DD", help=_("everything valid on this day"))
        when.add_argument("--all", action="store_true", help=_("the whole temporal dataset"))
    if "date-or-timeline" in fmt.options:
        when = parser.add_mutually_exclusive_group(required=True)
        when.add_argument("--date", type=day_argument, metavar="YYYY-MM-DD", help=_("the map of this day"))
        when.add_argument("--timeline", action="store_true", help=_("the whole dataset with a client-side date slider"))
    if "layers" in fmt.options:
        parser.add_argument("--layers", type=layers_argument, metavar="A,B,...",
                            help=_("only these layers ({layers}); default all", layers=", ".join(layer_registry.LAYER_IDS)))
    if "names" in fmt.options:
        from . import i18n
        parser.add_argument("--names", choices=tuple(CONVENTIONS), default=None,
                            help=_("naming convention of labels: {choices} (default: the interface language's usage, "
                                   "en for English; the other variants show in tooltips)", choices=", ".join(f"{k} = {i18n.naming_label(k)}" for k in CONVENTIONS)))
    if "styles" in fmt.options:
        parser.add_argument("--styles", type=Path, metavar="DIR",
                            help=_("also write each table's QGIS style as DIR/<table>.qml (the folder must exist; "
                                   "the styles are in the GeoPackage's layer_styles table in any case)"))
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="DIR" if fmt.directory else "FILE")


def add_lang_option(parser: argparse.ArgumentParser) -> None:
    """``--lang`` (every command): the interface language of what a person reads, the
    command's own text and the pages it writes; unset, the environment's locale decides
    (:func:`geo.cli.main`)."""
    from . import i18n
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS,
                        help=_("interface language: {choices} (default: the locale, LANGUAGE, LC_ALL, LC_MESSAGES "
                               "or LANG; else en; separate from --names; JSON keys never change)",
                               choices=", ".join(f"{k} = {v}" for k, v in i18n.LANGUAGE_NAMES.items())))


def request_from(args: argparse.Namespace) -> Request:
    layers = getattr(args, "layers", None)
    return Request(day=getattr(args, "date", None), layers=tuple(layers) if layers is not None else None,
                   names=getattr(args, "names", None), timeline=bool(getattr(args, "timeline", False)),
                   styles=getattr(args, "styles", None), lang=getattr(args, "lang_asked", getattr(args, "lang", None)))


# -- builders ---------------------------------------------------------------------------------
def _geojson(atlas: Atlas, r: Request) -> str:
    from . import export
    if r.day is None:
        return export.to_json(export.geojson_all(atlas))
    return export.to_json(export.geojson_for_date(atlas, r.day, r.layers))


def _excerpts(atlas: Atlas, r: Request) -> str:
    from . import export
    return export.to_json(export.excerpts_document(atlas))


def _csv(atlas: Atlas, r: Request) -> str:
    from . import export
    return export.excerpts_csv(atlas)


def _html(atlas: Atlas, r: Request) -> str:
    from . import export_html
    if r.timeline or r.day is None:
        return export_html.timeline_html(atlas, r.names, r.layers, lang=r.lang, every_language=r.lang is None)
    return export_html.day_map_html(atlas, r.day, r.layers, r.names, lang=r.lang, every_language=r.lang is None)


def _gpkg(atlas: Atlas, r: Request) -> bytes:
    from . import export_gpkg
    return export_gpkg.geopackage_bytes(atlas)


def _write_gpkg(atlas: Atlas, r: Request, path: Path) -> Path | list[Path]:
    from . import export_gpkg
    if r.styles is None:
        return export_gpkg.write_geopackage(atlas, path)
    export_gpkg.check_styles_dir(r.styles)  # before anything is written
    return [export_gpkg.write_geopackage(atlas, path), *export_gpkg.write_styles(r.styles)]


def _site(atlas: Atlas, r: Request) -> str:
    raise NotImplementedError(_("the site is a folder: it is written, not built as one file"))


def _write_site(atlas: Atlas, r: Request, path: Path) -> list[Path]:
    from . import export_site
    return export_site.write_site(atlas, path, r.names, r.layers, lang=r.lang)


def _jsonfg(atlas: Atlas, r: Request) -> str:
    from . import export, export_jsonfg
    return export.to_json(export_jsonfg.jsonfg_collection(atlas, r.day, r.layers))


def _lpf(atlas: Atlas, r: Request) -> str:
    from . import export, export_lpf
    return export.to_json(export_lpf.lpf_collection(atlas))


def _csl(atlas: Atlas, r: Request) -> str:
    from . import cite
    return cite.csl_json(atlas)


def _bibtex(atlas: Atlas, r: Request) -> str:
    from . import cite
    return cite.bibtex(atlas)


def _tables(atlas: Atlas, r: Request) -> bytes:
    from . import export_tables
    return export_tables.build(atlas)


def _write_tables(atlas: Atlas, r: Request, path: Path) -> Path:
    from . import export_tables
    return export_tables.write(atlas, path)


FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("geojson", ".geojson", "application/geo+json", "day", _geojson,
                 N_("RFC 7946 GeoJSON of one day or the whole dataset"), options=("date-or-all", "layers"),
                 downloads=(("GeoJSON of this map", lambda v: Request(v.day, v.layers), lambda v: stem(v) + ".geojson"),
                            ("Whole dataset, all dates (GeoJSON)", lambda v: Request(),
                             lambda v: "karabakh-atlas_all.geojson"))),
    ExportFormat("excerpts", ".json", "application/json", "all", _excerpts, N_("sources and excerpts as JSON"),
                 downloads=(("Excerpts and sources (JSON)", lambda v: Request(),
                             lambda v: "karabakh-atlas_excerpts.json"),)),
    ExportFormat("csv", ".csv", "text/csv", "all", _csv, N_("the excerpts with their citations as CSV"),
                 description=N_("Write every excerpt as one CSV row (UTF-8, RFC 4180) with its dates "
                                "(date, date_first, date_last), linked feature and place ids and its "
                                "source's title, authors, published date, vantage and URL."),
                 downloads=(("Excerpts (CSV)", lambda v: Request(), lambda v: "karabakh-atlas_excerpts.csv"),)),
    ExportFormat("html", ".html", "text/html", "day", _html,
                 N_("self-contained HTML: the map of one day, or the timeline with a slider"),
                 description=N_("Write one self-contained HTML file (the map engine, Leaflet, styles and data "
                                "inlined; it makes no request to any server when opened from disk). With --date: the "
                                "map of that day with legend, tooltips, excerpt popups, a caption citing the day's "
                                "sources, and the excerpts speaking of the day. With --timeline: the whole dataset "
                                "with a date slider, key-date buttons, a date field and a play button; the address "
                                "ending #YYYY-MM-DD opens a moment."),
                 options=("date-or-timeline", "layers", "names"),
                 downloads=(("Download this map as HTML", lambda v: v, lambda v: stem(v, names=True) + ".html"),
                            ("Download the interactive timeline (HTML)",
                             lambda v: Request(names=v.names, timeline=True, lang=v.lang),
                             lambda v: f"karabakh-atlas_timeline_{v.names}.html"))),
    ExportFormat("gpkg", ".gpkg", "application/geopackage+sqlite3", "all", _gpkg,
                 N_("GeoPackage for QGIS: a table per layer and geometry type, DATE columns, the atlas's styles"),
                 description=N_("Write a GeoPackage for GIS (QGIS opens it directly, styled): one table per layer "
                                "and geometry type (a layer of areas, lines and points is split into <layer>_polygon, "
                                "<layer>_line, <layer>_point) with the feature's names; its dates as DATE columns "
                                "(valid_from: the first day the EDTF valid_from can mean, valid_to: the last day "
                                "valid_to can mean, valid_from_last and valid_to_first, and the days the atlas draws "
                                "it: valid_from_start <= D < valid_to_start), the EDTF text in valid_from_edtf and "
                                "valid_to_edtf, uncertainty flags, accuracy_km, method, held_by, excerpt_ids and the "
                                "other properties as JSON; attribute tables 'excerpts' and 'sources'; and each table's "
                                "QGIS style (the atlas's colours, dashes and dotted uncertain dates, with the "
                                "temporal controller set to the atlas's days) in 'layer_styles'. EPSG:4326."),
                 options=("styles",),
                 downloads=(("GeoPackage", lambda v: Request(), lambda v: "karabakh-atlas.gpkg"),), write=_write_gpkg),
    ExportFormat("site", "", "text/html", "all", _site,
                 N_("a static site: the map engine and its data as plain files"),
                 description=N_("Write the atlas as a static site into DIR: index.html (the timeline, with "
                                "#YYYY-MM-DD permalinks), data.json, the map engine's .js/.css files and Leaflet. Any "
                                "static host or CDN serves it; no Python runs at read time. Locally: "
                                "python -m http.server -d DIR."),
                 options=("layers", "names"), write=_write_site, directory=True),
    ExportFormat("jsonfg", ".fg.json", "application/fg+json", "day", _jsonfg,
                 N_("OGC JSON-FG: GeoJSON with each feature's time interval (GDAL reads it)"),
                 description=N_("Write OGC Features and Geometries JSON (JSON-FG 1.0): every feature (or, with --date, "
                                "those drawn that day) with its 'time' interval (the first and last day drawn under "
                                "the atlas's rule, '..' when open), 'featureType' (its layer), the EDTF valid_from and "
                                "valid_to and their uncertainty in the properties; 'conformsTo' and 'coordRefSys' "
                                "(CRS84) on the collection."),
                 options=("date-or-all", "layers")),
    ExportFormat("lpf", ".lpf.json", "application/ld+json", "all", _lpf,
                 N_("Linked Places Format: the places and districts with all their names (World Historical Gazetteer)"),
                 description=N_("Write the gazetteer (places, districts and provinces) in the Linked Places Format "
                                "(LPF 1.2): every name in every naming convention (English, Azerbaijani, Armenian, "
                                "Russian and the other recorded variants) with its language, the place's span in "
                                "the atlas and its citations (GeoNames, the atlas with its dataset version, the "
                                "sources of the excerpts that speak of the place).")),
    ExportFormat("csl", ".json", "application/vnd.citationstyles.csl+json", "all", _csl,
                 N_("the sources and references as CSL-JSON (Zotero, Pandoc, citeproc)"),
                 description=N_("Write the sources and references as CSL-JSON: every source document of "
                                "data/sources and every reference of data/provenance.json, keyed by its id.")),
    ExportFormat("bibtex", ".bib", "application/x-bibtex", "all", _bibtex,
                 N_("the sources and references as BibTeX (UTF-8)"),
                 description=N_("Write the sources and references as BibTeX (UTF-8): every source document of "
                                "data/sources and every reference of data/provenance.json, keyed by its id.")),
    ExportFormat("tables", ".geojson", "application/geo+json", "all", _tables,
                 N_("the event tables (data/tables/*.parquet) as GeoJSON, streamed"),
                 description=N_("Write every event of the dataset's event tables (GeoParquet files in data/tables/) "
                                "as one RFC 7946 GeoJSON FeatureCollection, with the properties of a layer file's "
                                "event (EDTF valid_from/valid_to, accuracy_km, method, citation, the table's own "
                                "fields). Streamed a row group at a time: memory stays bounded for any size. The "
                                "GeoParquet files themselves are the dataset's files (see datapackage.json)."),
                 write=_write_tables),
)
BY_NAME = {fmt.name: fmt for fmt in FORMATS}


def downloads(view: Request) -> list[tuple[str, ExportFormat, Request, str]]:
    """The dashboard's downloads for the view shown: (label, format, request, file name)."""
    return [(label, fmt, request(view), name(view)) for fmt in FORMATS for label, request, name in fmt.downloads]
