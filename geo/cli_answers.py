"""``karabakh-atlas place NAME --date D`` (who held a place on a day, and why the atlas
says so) and ``export csl`` / ``export bibtex`` (the sources in standard citation formats)."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Callable

from .answers import Answers, format_answer
from .escape import terminal_json
from .lookup import UnknownName
from .i18n import N_, _
from .names import CONVENTIONS, for_language

PLACE_EXAMPLES = """
  karabakh-atlas place Lachin --date 2021-06-01
  karabakh-atlas place Xankəndi --date 2023-10-15 --format json
  karabakh-atlas place "Kalbajar District" --date 1995-01-01 --names hy

"""
PLACE_NOTE = N_("NAME may be in any naming convention or variant (Stepanakert, Khankendi, Xankəndi,\n"
                "Степанакерт), in any case, with or without diacritics, or a feature id.\n"
                "exit codes: 0 success; 1 the dataset has problems; 2 bad command line or unknown name")


def cmd_place(args, load: Callable) -> int:
    answers = Answers(load(args))
    try:
        # text for a person names in the language's usage unless --names says otherwise; JSON in English
        names = args.names or ("en" if args.format == "json" else for_language(getattr(args, "lang", None)))
        result = answers.by_name(args.name, args.date, names)
    except UnknownName as exc:
        print(terminal_json(_("karabakh-atlas: error: {name} names no place, district or feature of the atlas",
                              name=json.dumps(exc.name, ensure_ascii=False))), file=sys.stderr)
        if exc.suggestions:
            print(terminal_json(_("did you mean: {names}", names="; ".join(json.dumps(s, ensure_ascii=False)
                                                                          for s in exc.suggestions))), file=sys.stderr)
        return exc.exit_code
    if args.format == "json":
        print(terminal_json(json.dumps(result, ensure_ascii=False, indent=1)))
    else:
        print(format_answer(result), end="")
    return 0


def register(sub, add_data_option: Callable, day_type: Callable, load: Callable) -> None:
    """Add the ``place`` command to the CLI's subcommands."""
    p = sub.add_parser("place", help=_("who held a place, district or area on a day; its zones, history, excerpts"),
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       epilog=_("examples:") + PLACE_EXAMPLES + _(PLACE_NOTE),
                       description=_("Answer for one day: who held NAME, inside which peacekeeping or monitoring "
                                     "zones and near which corridors it lay, its district with the district's dated "
                                     "control history and the sources behind each date, and the excerpts that "
                                     "concern it."))
    add_data_option(p)
    p.add_argument("name", metavar="NAME", help=_("a place, district, control area or feature id, in any spelling"))
    p.add_argument("--date", type=day_type, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--names", choices=tuple(CONVENTIONS), default=None,
                   help=_("naming convention of the names shown: en, az, hy or ru (default: the interface "
                          "language's usage; en for --format json)"))
    p.set_defaults(func=lambda args: cmd_place(args, load))
