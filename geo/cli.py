"""The ``karabakh-atlas`` command line.

Exit codes: 0 success; 1 the dataset has problems (one line each on stderr);
2 the command line is wrong (bad option, bad date, a directory that is not there);
3 an output file could not be written; 4 an unexpected internal error (a bug).
Each error class carries its code (:mod:`geo.errors`); :func:`main` maps them in one place.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections import Counter
from pathlib import Path
from typing import Callable, Sequence

from . import export
from .atlas import Atlas, load_atlas
from .build.pipeline import stale_layers
from .dates import parse_day
from .errors import AtlasError, DatasetError, DateError, UsageError  # noqa: F401 (UsageError: public)
from .escape import terminal, terminal_json
from .io import default_data_dir, default_sources_dir, is_stdout, read_dataset, write_output
from .model import EXCERPT_STATUSES, LAYERS
from .stats import format_stats, stats_for_date
from .validate import check_dataset

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_WRITE, EXIT_INTERNAL = 0, 1, 2, 3, 4
EPILOG = ("exit codes: 0 success; 1 the dataset has problems; 2 bad command line; "
          "3 an output file could not be written; 4 internal error. -o - writes to standard output")
#: Set to show the traceback of an internal error (for developers).
DEBUG_ENV_VAR = "KARABAKH_ATLAS_DEBUG"
EXPORT_EPILOG = """examples:
  karabakh-atlas export geojson --date 2021-06-01 -o day.geojson [--layers control,line_of_contact]
  karabakh-atlas export geojson --all -o atlas.geojson
  karabakh-atlas export excerpts -o excerpts.json
  karabakh-atlas export csv -o excerpts.csv
  karabakh-atlas export html --date 2021-06-01 -o map.html [--layers a,b,c] [--names en|az|hy|ru]
  karabakh-atlas export html --timeline -o atlas.html [--names en|az|hy|ru]
  karabakh-atlas export gpkg -o atlas.gpkg

""" + EPILOG


def _day(text: str):
    try:
        return parse_day(text)
    except DateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _layers(text: str) -> list[str]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in LAYERS]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown layer(s) {', '.join(unknown)}; choose from {', '.join(LAYERS)}")
    return names


def _add_data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=argparse.SUPPRESS, metavar="DIR",
                        help="dataset directory (default: $KARABAKH_ATLAS_DATA or the shipped data/)")


def _atlas(args) -> Atlas:
    return load_atlas(default_data_dir(getattr(args, "data", None)), check_quotes=False)


def _write(path: Path, content: str | bytes) -> None:
    write_output(path, content)
    if not is_stdout(path):
        print(terminal(f"wrote {path}"), file=sys.stderr)


# -- commands ------------------------------------------------------------------
def cmd_validate(args) -> int:
    data_dir = default_data_dir(getattr(args, "data", None))
    sources_dir = None if args.no_quotes else default_sources_dir(data_dir, args.sources)
    checked = check_dataset(read_dataset(data_dir), sources_dir)
    if not checked.problems:
        checked.problems.extend(stale_layers(data_dir))
    for problem in sorted(checked.problems):
        print(problem, file=sys.stderr)
    if checked.problems:
        print(terminal(f"{data_dir}: {len(checked.problems)} problem(s)"), file=sys.stderr)
        return EXIT_DATA
    quotes = (f"{len(checked.excerpts)} quotes checked verbatim against {sources_dir}" if checked.quotes_checked
              else "quotes NOT checked (no source texts found; pass --sources DIR)")
    statuses = Counter(e.status for e in checked.excerpts)
    review = "".join(f", {statuses[s]} {s}" for s in EXCERPT_STATUSES[1:] if statuses[s])
    print(terminal(f"{data_dir}: valid: {len(checked.features)} features, {len(checked.sources)} sources, "
                   f"{len(checked.excerpts)} excerpts ({statuses['accepted']} accepted{review}); {quotes}"))
    return EXIT_OK


def cmd_export_geojson(args) -> int:
    atlas = _atlas(args)
    if args.all:
        document = export.geojson_all(atlas)
    else:
        document = export.geojson_for_date(atlas, args.date, args.layers)
    _write(args.output, export.to_json(document))
    return EXIT_OK


def cmd_export_excerpts(args) -> int:
    _write(args.output, export.to_json(export.excerpts_document(_atlas(args))))
    return EXIT_OK


def cmd_export_csv(args) -> int:
    _write(args.output, export.excerpts_csv(_atlas(args)))
    return EXIT_OK


def cmd_stats(args) -> int:
    figures = stats_for_date(_atlas(args), args.date)
    if args.format == "json":
        print(terminal_json(json.dumps(figures, ensure_ascii=False, indent=1)))
    else:
        print(terminal(format_stats(figures), keep_newlines=True), end="")
    return EXIT_OK


# -- parser --------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="karabakh-atlas",
        description="Karabakh Atlas: check and export the time-aware, source-linked dataset "
                    "of the Nagorno-Karabakh conflict and peace process.",
        epilog=EPILOG)
    _add_data_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("validate", help="check a dataset; one line per problem", epilog=EPILOG,
                       description="Check a dataset: JSON, geometries, dates, ids, references and that "
                                   "every quote occurs verbatim in its source text.")
    _add_data_option(p)
    p.add_argument("--sources", type=Path, metavar="DIR",
                   help="directory of the source texts (default: $KARABAKH_ATLAS_SOURCES or ../shared/seeds)")
    p.add_argument("--no-quotes", action="store_true", help="skip the verbatim-quote check")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("export", help="write GeoJSON, excerpts, CSV, HTML or GeoPackage",
                       formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EXPORT_EPILOG,
                       description="Write the atlas to a file. Files are written atomically: complete, "
                                   "or the old file is left untouched.")
    _add_data_option(p)
    formats = p.add_subparsers(dest="format", metavar="FORMAT", required=True)

    g = formats.add_parser("geojson", help="RFC 7946 GeoJSON of one day or the whole dataset", epilog=EPILOG)
    _add_data_option(g)
    when = g.add_mutually_exclusive_group(required=True)
    when.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help="everything valid on this day")
    when.add_argument("--all", action="store_true", help="the whole temporal dataset")
    g.add_argument("--layers", type=_layers, metavar="A,B,...", help=f"only these layers ({', '.join(LAYERS)})")
    g.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    g.set_defaults(func=cmd_export_geojson)

    e = formats.add_parser("excerpts", help="sources and excerpts as JSON", epilog=EPILOG)
    _add_data_option(e)
    e.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    e.set_defaults(func=cmd_export_excerpts)

    c = formats.add_parser("csv", help="the excerpts with their citations as CSV", epilog=EPILOG,
                           description="Write every excerpt as one CSV row (UTF-8, RFC 4180) with its dates "
                                       "(date, date_first, date_last), linked feature and place ids and its "
                                       "source's title, authors, published date, vantage and URL.")
    _add_data_option(c)
    c.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    c.set_defaults(func=cmd_export_csv)

    for register in EXTRA_EXPORTS:
        register(formats, _add_data_option)

    register_ingest(sub, _add_data_option)

    p = sub.add_parser("stats", help="area held by each side and lengths of lines on a day", epilog=EPILOG)
    _add_data_option(p)
    p.add_argument("--date", type=_day, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_stats)

    register_place(sub, _add_data_option, _day, _atlas)
    return parser


#: Functions that add further ``export`` formats: f(subparsers, add_data_option).
EXTRA_EXPORTS: list[Callable] = []

# ``export html`` and ``export gpkg`` (their heavy imports happen only when they run).
from .export_files import register as _register_file_exports  # noqa: E402
from .cli_answers import register as register_place, register_citation_exports  # noqa: E402

EXTRA_EXPORTS.append(_register_file_exports)
EXTRA_EXPORTS.append(lambda formats, add_data: register_citation_exports(formats, add_data, _atlas, _write))
from .ingest.cli import register as register_ingest  # noqa: E402


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except AtlasError as exc:  # the one place where errors become exit codes
        if isinstance(exc, DatasetError):
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            print(f"the dataset has {len(exc.problems)} problem(s); run 'karabakh-atlas validate' for details",
                  file=sys.stderr)
        else:
            print(terminal(f"karabakh-atlas: error: {exc}"), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("karabakh-atlas: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`karabakh-atlas review F | head`): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a bug: say so in one line; the traceback only when asked for
        if os.environ.get(DEBUG_ENV_VAR):
            traceback.print_exc()
        print(terminal(f"karabakh-atlas: internal error ({type(exc).__name__}: {exc}); please report it "
                       f"(set {DEBUG_ENV_VAR}=1 to see the traceback)")[:2000], file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
