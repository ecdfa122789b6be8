"""The ``karabakh-atlas`` command line.

Exit codes: 0 success; 1 the dataset has problems (one line each on stderr);
2 the command line is wrong (bad option, bad date, a directory that is not there);
3 an output file could not be written; 4 an unexpected internal error (a bug).
Each error class carries its code (:mod:`geo.errors`); :func:`main` maps them in one place.

Every text the command line writes for a person (its help, argparse's own words, summaries,
errors) is in the interface language: ``--lang`` (accepted by every command), else the
environment's locale (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``; :func:`geo.i18n.from_environment`),
else English (``LANG=C``). Machine output (``--format json``, GeoJSON, CSV) keeps its English keys.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections import Counter
from pathlib import Path
from functools import partial
from typing import Sequence

from . import exports, i18n
from .i18n import N_, _, argparse_text
from .atlas import Atlas, load_atlas, quarantinable
from .build.pipeline import stale_layers
from .errors import AtlasError, DatasetError, DateError, UsageError  # noqa: F401 (UsageError: public)
from .escape import terminal, terminal_json
from .io import default_data_dir, default_sources_dir, is_stdout, read_dataset, write_output
from .model import EXCERPT_STATUSES
from .stats import format_stats, stats_for_date
from .corrections import corrections_problems
from .style import style_problems
from .validate import check_dataset

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_WRITE, EXIT_INTERNAL = 0, 1, 2, 3, 4
EPILOG = N_("exit codes: 0 success; 1 the dataset has problems; 2 bad command line; "
            "3 an output file could not be written; 4 internal error. -o - writes to standard output")
#: Set to show the traceback of an internal error (for developers).
DEBUG_ENV_VAR = "KARABAKH_ATLAS_DEBUG"
EXPORT_EXAMPLES = """
  karabakh-atlas export geojson --date 2021-06-01 -o day.geojson [--layers control,line_of_contact]
  karabakh-atlas export geojson --all -o atlas.geojson
  karabakh-atlas export excerpts -o excerpts.json
  karabakh-atlas export csv -o excerpts.csv
  karabakh-atlas export html --date 2021-06-01 -o map.html [--layers a,b,c] [--names en|az|hy|ru]
  karabakh-atlas export html --timeline -o atlas.html [--names en|az|hy|ru]
  karabakh-atlas export gpkg -o atlas.gpkg [--styles DIR]
  karabakh-atlas export site -o site/ [--names en|az|hy|ru]
  karabakh-atlas export jsonfg --date 2021-06-01 -o day.fg.json [--layers control]
  karabakh-atlas export jsonfg --all -o atlas.fg.json
  karabakh-atlas export lpf -o places.lpf.json
  karabakh-atlas export csl -o sources.json
  karabakh-atlas export bibtex -o sources.bib

"""


def export_epilog() -> str:
    return _("examples:") + EXPORT_EXAMPLES + _(EPILOG)


_day = exports.day_argument


def _add_data_option(parser: argparse.ArgumentParser) -> None:
    """The options of every command: ``--data`` and ``--lang``."""
    parser.add_argument("--data", type=Path, default=argparse.SUPPRESS, metavar="DIR",
                        help=_("dataset directory (default: $KARABAKH_ATLAS_DATA or the shipped data/)"))
    exports.add_lang_option(parser)


def _atlas(args) -> Atlas:
    return load_atlas(default_data_dir(getattr(args, "data", None)), check_quotes=False)


# -- commands ------------------------------------------------------------------
def cmd_validate(args) -> int:
    data_dir = default_data_dir(getattr(args, "data", None))
    sources_dir = None if args.no_quotes else default_sources_dir(data_dir, args.sources)
    checked = check_dataset(read_dataset(data_dir), sources_dir)
    if not checked.problems:  # the record's own checks, once every file is sound
        checked.problems.extend(stale_layers(data_dir))
        checked.problems.extend(style_problems(data_dir))
        checked.problems.extend(corrections_problems(data_dir, set(checked.registry) | checked.referable,
                                                     set(checked.feature_layers)))
    for problem in sorted(checked.problems):
        print(problem, file=sys.stderr)
    if checked.problems:
        note = ""
        if quarantinable(checked.problems):  # said on the last line, which counts the problems
            files = sorted({p.file for p in checked.problems})
            note = _("; quarantined: {files} (left out of the dashboard's map, which serves the rest; "
                     "exports refuse until fixed)", files=", ".join(files))
        print(terminal(_("{path}: {n} problem(s)", path=data_dir, n=len(checked.problems)) + note), file=sys.stderr)
        return EXIT_DATA
    quotes = (_("{n} quotes checked verbatim against {path}", n=len(checked.excerpts), path=sources_dir)
              if checked.quotes_checked else _("quotes NOT checked (no source texts found; pass --sources DIR)"))
    statuses = Counter(e.status for e in checked.excerpts)
    review = "".join(", " + _(STATUS_COUNTS[s], n=statuses[s]) for s in EXCERPT_STATUSES[1:] if statuses[s])
    tables = (_(", {events} events in {n} event table(s)", events=sum(t.rows for t in checked.tables),
                n=len(checked.tables)) if checked.tables else "")
    print(terminal(_("{path}: valid: {features} features{tables}, {sources} sources, {excerpts} excerpts "
                     "({accepted} accepted{review}); {quotes}", path=data_dir, features=len(checked.features),
                     tables=tables, sources=len(checked.sources), excerpts=len(checked.excerpts),
                     accepted=statuses["accepted"], review=review, quotes=quotes)))
    return EXIT_OK


#: How the summary counts the excerpts of each review status but the accepted.
STATUS_COUNTS = {"proposed": N_("{n} proposed"), "rejected": N_("{n} rejected")}


def cmd_export(fmt: exports.ExportFormat, args) -> int:
    """``export <format>``: build the format (or let it write its folder or database) and report."""
    atlas, request = _atlas(args), exports.request_from(args)
    with i18n.use(getattr(args, "lang", None)):  # a page's language: the command's
        return _export(fmt, atlas, request, args)


def _size(size: int) -> str:
    return _("{bytes} bytes, {mib} MiB", bytes=i18n.format_decimal(size, digits=0),
             mib=i18n.format_decimal(size / 2**20, digits=2))


def _export(fmt: exports.ExportFormat, atlas: Atlas, request: exports.Request, args) -> int:
    if fmt.write is not None and not is_stdout(args.output):
        written = fmt.write(atlas, request, args.output)
        files = written if isinstance(written, list) else [written]
        if not fmt.directory:  # a file, and perhaps files beside it (the GeoPackage's .qml styles)
            files, beside = files[:1], files[1:]
            if beside:
                print(terminal(_("wrote {n} files into {path}: {names}", n=len(beside), path=Path(beside[0]).parent,
                                 names=", ".join(Path(f).name for f in beside))), file=sys.stderr)
        size = sum(Path(f).stat().st_size for f in files)
        if fmt.directory:
            print(terminal(_("wrote {path} ({n} files, {bytes} bytes); serve it with: python -m http.server -d {path}",
                             path=args.output, n=len(files), bytes=i18n.format_decimal(size, digits=0))),
                  file=sys.stderr)
        else:
            print(terminal(_("wrote {path} ({size})", path=args.output, size=_size(size))), file=sys.stderr)
    else:
        write_output(args.output, fmt.build(atlas, request))
        if not is_stdout(args.output):
            size = Path(args.output).stat().st_size
            print(terminal(_("wrote {path} ({size})", path=args.output, size=_size(size))), file=sys.stderr)
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
    """The command line, its help in the current interface language (build it inside
    :func:`geo.i18n.use` and :func:`geo.i18n.argparse_text.speaking`, as :func:`main` does)."""
    parser = argparse.ArgumentParser(
        prog="karabakh-atlas",
        description=_("Karabakh Atlas: check and export the time-aware, source-linked dataset "
                      "of the Nagorno-Karabakh conflict and peace process."),
        epilog=_(EPILOG))
    _add_data_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("validate", help=_("check a dataset; one line per problem"), epilog=_(EPILOG),
                       description=_("Check a dataset: JSON, geometries, dates, ids, references and that "
                                     "every quote occurs verbatim in its source text."))
    _add_data_option(p)
    p.add_argument("--sources", type=Path, metavar="DIR",
                   help=_("directory of the source texts (default: $KARABAKH_ATLAS_SOURCES or ../shared/seeds)"))
    p.add_argument("--no-quotes", action="store_true", help=_("skip the verbatim-quote check"))
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("export", help=_("write GeoJSON, excerpts, CSV, HTML, GeoPackage, a static site or citations"),
                       formatter_class=argparse.RawDescriptionHelpFormatter, epilog=export_epilog(),
                       description=_("Write the atlas to a file. Files are written atomically: complete, "
                                     "or the old file is left untouched."))
    _add_data_option(p)
    formats = p.add_subparsers(dest="format", metavar="FORMAT", required=True)

    for fmt in exports.FORMATS:  # one subcommand per record of the export registry
        f = formats.add_parser(fmt.name, help=_(fmt.help), description=_(fmt.description) or None, epilog=_(EPILOG))
        _add_data_option(f)
        exports.add_options(f, fmt)
        f.set_defaults(func=partial(cmd_export, fmt))

    register_ingest(sub, _add_data_option)

    p = sub.add_parser("stats", help=_("area held by each side and lengths of lines on a day"), epilog=_(EPILOG))
    _add_data_option(p)
    p.add_argument("--date", type=_day, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_stats)

    register_place(sub, _add_data_option, _day, _atlas)
    return parser


def language_asked(argv: Sequence[str], environ=None) -> str:
    """The interface language of a command line: its ``--lang`` when that names one (else
    argparse reports the bad value), else the environment's (:func:`geo.i18n.from_environment`)."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else \
            arg.split("=", 1)[1] if arg.startswith("--lang=") else None
        if value in i18n.LANGUAGES:
            return value
    return i18n.from_environment(environ)


from .cli_answers import register as register_place  # noqa: E402
from .ingest.cli import register as register_ingest  # noqa: E402


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    with i18n.use(language_asked(argv)), argparse_text.speaking():
        parser = build_parser()
        args = parser.parse_args(argv)
        args.lang_asked = getattr(args, "lang", None)  # a page without --lang carries every language
        args.lang = args.lang_asked or i18n.current()
        with i18n.use(args.lang):
            return run(args)


def run(args: argparse.Namespace) -> int:
    """Run the parsed command; its errors become exit codes here, in one place."""
    try:
        return args.func(args)
    except AtlasError as exc:
        if isinstance(exc, DatasetError):
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            print(_("the dataset has {n} problem(s); run 'karabakh-atlas validate' for details", n=len(exc.problems)),
                  file=sys.stderr)
        else:
            print(terminal(_("karabakh-atlas: error: {reason}", reason=exc)), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(_("karabakh-atlas: interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`karabakh-atlas review F | head`): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a bug: say so in one line; the traceback only when asked for
        if os.environ.get(DEBUG_ENV_VAR):
            traceback.print_exc()
        print(terminal(_("karabakh-atlas: internal error ({kind}: {reason}); please report it "
                         "(set {variable}=1 to see the traceback)", kind=type(exc).__name__, reason=exc,
                         variable=DEBUG_ENV_VAR))[:2000], file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
