"""The ``ingest`` and ``review`` commands (registered into :mod:`geo.cli`)."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ..errors import AtlasError, UsageError
from ..escape import terminal
from ..i18n import N_, _, format_decimal
from ..confine import MAX_TEXT_BYTES
from ..io import SOURCES_ENV_VAR, check_target, default_data_dir, default_sources_dir, write_atomic
from ..sourcecheck import source_file_problems
from .budget import DEFAULT_SECONDS

EXIT_OK = 0

INGEST_USAGE = """karabakh-atlas ingest FILE --id SOURCE_ID --title TITLE --published DATE --vantage-group GROUP
                             [--author NAME]... [--url URL] [--vantage TEXT] [--texts DIR] [--replace]
                             [--news] [--language en|hy|az|ru] [--time-limit SECONDS] -o OUT.json
       karabakh-atlas ingest events TABLE.csv --format ucdp-ged|acled -o DATA/tables/NAME.parquet|OUT.geojson"""
INGEST_DESCRIPTION = N_("""\
Read a document (.txt, .md, .html, .pdf), store its text in the source-texts directory and
write a source file whose excerpts are *proposals*: sentences that speak of a datable moment,
with an EDTF date, the words it was read from, the atlas's places and features they name
(the feature valid at that date), evidence and a score. Documents in English, Armenian,
Azerbaijani and Russian are read in their own language; a news item's dateline
("YEREVAN, September 13 (Reuters) -") is read as its place and filing day.
Proposals are never shown on the map or in exports until accepted: review them with `karabakh-atlas review OUT.json` or the
dashboard's Review page, then run `karabakh-atlas validate`.

`ingest events` turns an event table in UCDP GED or ACLED column layout into events of the
atlas, read as a stream (bounded memory): a GeoParquet event table for any size (write it to
data/tables/NAME.parquet to add it to the atlas), or a layer file for a small one
(data/layers/events/NAME.geojson). Rows that cannot be read are skipped and reported by row
number and field.""")
REVIEW_DESCRIPTION = N_("""\
List the proposals of a source file, or accept and reject them by id (several ids after one
option, or the option repeated). The file is written atomically, one save at a time, and
every decision is appended to the dataset's review log (`review --log`). Accepted excerpts appear on
the map and in exports; rejected ones stay in the file, marked, so they are not proposed again.""")


def _data_dir(args) -> Path:
    return default_data_dir(getattr(args, "data", None))


def cmd_ingest(args) -> int:
    if args.file == "events":
        from .events_table import cmd_ingest_events
        return cmd_ingest_events(args)
    from ..atlas import load_atlas
    from . import document
    from .review import load

    if args.format:
        raise UsageError(_("--format is for `ingest events TABLE.csv`"))
    if args.table is not None:
        raise UsageError(_("unexpected argument {value} (only `ingest events` takes a table)", value=repr(args.table)))
    missing = [o for o, v in (("--id", args.id), ("--title", args.title), ("--published", args.published),
                              ("--vantage-group", args.vantage_group)) if not v]
    if missing:
        raise UsageError(_("ingest FILE needs {options}", options=", ".join(missing)))
    data_dir = _data_dir(args)
    texts = texts_dir(data_dir, args.texts)
    meta = document.SourceMeta(args.id, args.title, args.published, args.vantage_group, args.author or [],
                               args.url, args.vantage, news=args.news, language=args.language)
    output = Path(args.output)
    previous = load(output).content if output.exists() or output.is_symlink() else None
    if previous is not None and args.replace:
        check_replaceable(output, previous, args.id)
    existing = previous if not args.replace else None
    atlas = load_atlas(data_dir, check_quotes=False)
    if args.id in atlas.sources and not _same_file(args.id, data_dir, output):
        raise UsageError(_("source id {id} is already used in {path}; choose another --id", id=repr(args.id),
                           path=data_dir / "sources"))
    from .budget import Budget
    content, text = document.build(args.file, meta, atlas, budget=Budget(args.time_limit, args.file))
    kept = 0
    if existing is not None:
        if existing.get("source", {}).get("id") not in (None, args.id):
            raise UsageError(_("{path} is the source file of {other}, not {id}; write the new source to another file",
                               path=output, other=repr(existing["source"]["id"]), id=repr(args.id)))
        kept = len([e for e in existing.get("excerpts", []) if (e.get("status") or "accepted") != "proposed"])
        content, _merged = document.merge(existing, content, meta)
    check_kept_quotes(output, existing, text)
    data = (json.dumps(content, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    problems = source_file_problems(data, output.name)
    if len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        problems.append(_("the document's text is larger than the limit of {n} bytes",
                          n=format_decimal(MAX_TEXT_BYTES, digits=0)))
    if problems:  # nothing is written: validate would refuse the result
        raise UsageError(_("{path}: not written, validate would refuse it: {problems}", path=output,
                           problems="; ".join(str(p) for p in problems[:5])))
    for target in (Path(texts) / content["source"]["text_file"], output):
        check_target(target)  # a link, FIFO or device at either: refused before either is written
    text_path = write_atomic(Path(texts) / content["source"]["text_file"], text)
    write_atomic(output, data)
    proposals = content["excerpts"]
    say = lambda line: print(terminal(line), file=sys.stderr)  # noqa: E731
    say(_("stored the text in {path} ({n} characters)", path=text_path, n=format_decimal(len(text), digits=0)))
    waiting = [e for e in proposals if e.get("status") == "proposed"]
    say((_("wrote {path}: {n} proposal(s), {kept} reviewed excerpt(s) kept, best first:", path=output,
           n=len(waiting), kept=kept) if kept else
         _("wrote {path}: {n} proposal(s), best first:", path=output, n=len(waiting))))
    for e in waiting[:5]:
        say(f"  {e['id']}  {e['score']:.2f}  {e['date']:<24} {_short(e['quote'])}")
    read = _texts_read_by_default(data_dir)
    if read is None or read.resolve() != Path(texts).resolve():
        say(_("note: validate, review and the dashboard read source texts from {read}, not from {texts}: set "
              "{variable}={texts} for them, or this source is left out of the map", read=read or "-", texts=texts,
              variable=SOURCES_ENV_VAR))
    if output.resolve().parent != (data_dir / "sources").resolve():
        say(_("note: {path} is not in {folder}; move it there to make it part of the dataset", path=output,
              folder=data_dir / "sources"))
    say(_("next: karabakh-atlas review {path} (or the dashboard's Review page), then karabakh-atlas validate",
          path=output))
    return EXIT_OK


def texts_dir(data_dir: Path, given: Path | None) -> Path:
    """Where ``ingest`` stores a document's text: ``--texts DIR``, else the directory set in
    ``$KARABAKH_ATLAS_SOURCES`` (the one ``validate``, ``review`` and the dashboard read).
    Never a directory found by default outside the dataset (a shared copy of the seeds)."""
    configured = os.environ.get(SOURCES_ENV_VAR)
    if given is None and not configured:
        raise UsageError(_("where should the text go? set {variable}=DIR (read by validate, review and "
                           "the dashboard too) or pass --texts DIR", variable=SOURCES_ENV_VAR))
    texts = default_sources_dir(data_dir, given)
    if given is not None and configured and Path(configured).resolve() != Path(given).resolve():
        raise UsageError(_("--texts {given} is not the source-texts directory {variable}={configured} that "
                           "validate and the dashboard read; leave --texts out or set the variable to it",
                           given=given, variable=SOURCES_ENV_VAR, configured=configured))
    if not _writable(Path(texts)):
        raise UsageError(_("the source-texts directory {path} is read-only; pass --texts DIR "
                           "(a copy of it, then set {variable} to it)", path=texts, variable=SOURCES_ENV_VAR))
    return Path(texts)


def check_replaceable(output: Path, content: dict, source_id: str) -> None:
    """``--replace`` replaces only a proposals file ``ingest`` wrote for this source (every
    excerpt carries a review status, and the source id is the same): never a curated source,
    a layer or ``provenance.json`` (those are not source files with proposals at all)."""
    excerpts = [e for e in content.get("excerpts") or [] if isinstance(e, dict)]
    if (content.get("source") or {}).get("id") != source_id:
        raise UsageError(_("--replace refused: {path} is the source file of {other}, not {id}", path=output,
                           other=repr((content.get("source") or {}).get("id")), id=repr(source_id)))
    if any("status" not in e for e in excerpts) or not excerpts:
        raise UsageError(_("--replace refused: {path} is a curated source file, not proposals written by ingest",
                           path=output))


def check_kept_quotes(output: Path, previous: dict | None, text: str) -> None:
    """Re-ingesting under an existing id replaces the stored text: refuse when an excerpt
    already accepted would no longer be found verbatim in it."""
    from ..validate import fold_whitespace
    if previous is None:
        return
    folded = fold_whitespace(text)
    lost = [e.get("id") for e in previous.get("excerpts") or [] if isinstance(e, dict)
            and (e.get("status") or "accepted") == "accepted"
            and fold_whitespace(str(e.get("quote", ""))) not in folded]
    if lost:
        raise UsageError(_("{path}: not re-ingested: the new text no longer holds the quotes of "
                           "{n} accepted excerpt(s) ({ids}); ingest the changed document under a new --id",
                           path=output, n=len(lost), ids=", ".join(map(str, lost[:5]))))


def _texts_read_by_default(data_dir: Path) -> Path | None:
    """The source-texts directory the other commands and the dashboard read (no option given)."""
    try:
        found = default_sources_dir(data_dir)
    except AtlasError:
        return None
    return Path(found) if found is not None else None


def _writable(directory: Path) -> bool:
    """Writable, and not marked read-only (a shared or published copy) even for root."""
    try:
        mode = directory.stat().st_mode
    except OSError:
        return False
    return bool(mode & 0o222) and os.access(directory, os.W_OK)


def _same_file(source_id: str, data_dir: Path, output: Path) -> bool:
    """Whether the source id already in the dataset is the one in ``output`` (a re-ingest)."""
    from .review import load
    for path in (data_dir / "sources").glob("*.json"):
        try:
            if load(path).source.get("id") == source_id:
                return path.resolve() == output.resolve()
        except AtlasError:
            continue
    return False


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def cmd_review(args) -> int:
    from . import review
    from .. import access, locking, reviewlog

    if args.log:
        return _print_log(args, locking, reviewlog)
    if args.source_file is None:
        raise UsageError(_("review needs SOURCE_FILE (or --log to read the review log)"))
    accept = [i for group in args.accept or [] for i in group]
    reject = [i for group in args.reject or [] for i in group]
    if not accept and not reject and args.reject_below is None:
        doc = review.load(args.source_file)
        waiting = doc.proposals()
        print(terminal(_("{path}: {n} proposal(s) waiting; {accepted} accepted, {rejected} rejected",
                         path=args.source_file, n=len(waiting), accepted=len(doc.with_status("accepted")),
                         rejected=len(doc.with_status("rejected")))))
        for e in waiting:
            links = ", ".join((e.get("feature_ids") or []) + (e.get("place_ids") or [])) or "-"
            fields = (e.get("id"), f"{float(e.get('score') or 0):.2f}", e.get("date"), links,
                      _short(str(e.get("quote", "")), 90))
            print("\t".join(terminal(f) for f in fields))  # tab-separated; each field made safe
        return EXIT_OK

    def below(doc):  # read under the lock, with the file as it is then
        return [], ([] if args.reject_below is None else doc.below(args.reject_below))

    done = review.commit(args.source_file, access.local_actor(), access.COMMAND_LINE, accept=accept,
                         reject=reject, choose=below)
    said = (N_("wrote {path}: {n} decision(s) logged; {waiting} proposal(s) still waiting") if done.changed else
            N_("nothing changed in {path}: {n} decision(s) logged; {waiting} proposal(s) still waiting"))
    print(terminal(_(said, path=args.source_file, n=len(done.entries), waiting=len(done.doc.proposals()))),
          file=sys.stderr)
    return EXIT_OK


def _print_log(args, locking, reviewlog) -> int:
    """``review --log [SOURCE_FILE]``: the review log, oldest first (one file's entries if named)."""
    workspace = locking.workspace_of(args.source_file) if args.source_file else _data_dir(args)
    log = reviewlog.read(workspace)
    entries = log.entries
    if args.source_file:
        from .review import file_label
        entries = [e for e in entries if e.get("file") == file_label(args.source_file)]
    for entry in entries:
        print(terminal(reviewlog.describe(entry)))
    print(terminal(_("{path}: {n} decision(s)", path=reviewlog.log_path(workspace), n=len(entries))
                   + (_("; {n} unreadable line(s) skipped", n=log.unreadable) if log.unreadable else "")),
          file=sys.stderr)
    return EXIT_OK


def register(sub, add_data_option) -> None:
    """Add ``ingest`` and ``review`` to the top-level subcommands."""
    p = sub.add_parser("ingest", help=_("a document -> proposed excerpts; an event table -> events"),
                       usage=INGEST_USAGE, description=_(INGEST_DESCRIPTION),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    add_data_option(p)
    p.add_argument("file", metavar="FILE", help=_("the document (.txt, .md, .html, .pdf), or the word 'events'"))
    p.add_argument("table", nargs="?", metavar="TABLE.csv", help=_("with 'events': the event table"))
    p.add_argument("--id", metavar="SOURCE_ID", help=_("the new source's id (lowercase, digits, hyphens)"))
    p.add_argument("--title", metavar="TITLE")
    p.add_argument("--published", metavar="DATE", help=_("EDTF: 2022-09-14, 2022-09, 2022, 2022-09~"))
    p.add_argument("--vantage-group", choices=("armenian", "azerbaijani", "russian", "international"))
    p.add_argument("--vantage", metavar="TEXT", help=_("who speaks, from where (default: a placeholder to edit)"))
    p.add_argument("--author", action="append", metavar="NAME", help=_("an author (repeat for several)"))
    p.add_argument("--url", metavar="URL")
    p.add_argument("--texts", type=Path, metavar="DIR",
                   help=_("source-texts directory to store the text in (default: ${variable}, the one "
                          "validate, review and the dashboard read)", variable=SOURCES_ENV_VAR))
    p.add_argument("--replace", action="store_true",
                   help=_("overwrite the output file, if it holds proposals ingest wrote for this --id; by default "
                          "a file ingested before keeps its reviewed excerpts and gets fresh proposals for the rest"))
    p.add_argument("--news", action="store_true",
                   help=_("a news item: a day or month named without a year is the latest such date not after "
                          "publication (also when the text opens with a dateline)"))
    p.add_argument("--language", choices=("en", "hy", "az", "ru"),
                   help=_("the document's language (default: detected from its letters)"))
    p.add_argument("--time-limit", type=float, default=DEFAULT_SECONDS, metavar="SECONDS",
                   help=_("stop reading the document after this long (default {seconds})", seconds=f"{DEFAULT_SECONDS:g}"))
    p.add_argument("--format", choices=("ucdp-ged", "acled"), help=_("with 'events': the table's column layout"))
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    p.set_defaults(func=cmd_ingest)

    r = sub.add_parser("review", help=_("list, accept or reject the proposals of a source file"),
                       description=_(REVIEW_DESCRIPTION))
    add_data_option(r)
    r.add_argument("source_file", type=Path, nargs="?", metavar="SOURCE_FILE")
    r.add_argument("--log", action="store_true",
                   help=_("print the review log (who decided what, when, before and after); of SOURCE_FILE if given"))
    r.add_argument("--accept", nargs="+", action="append", metavar="ID", help=_("accept these excerpt ids"))
    r.add_argument("--reject", nargs="+", action="append", metavar="ID", help=_("reject these excerpt ids"))
    r.add_argument("--reject-below", type=float, metavar="SCORE",
                   help=_("also reject every waiting proposal scored below SCORE (except those accepted here)"))
    r.set_defaults(func=cmd_review)
