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
from . import i18n
from .exports import add_lang_option
from .names import CONVENTIONS

PLACE_EPILOG = """examples:
  karabakh-atlas place Lachin --date 2021-06-01
  karabakh-atlas place Xankəndi --date 2023-10-15 --format json
  karabakh-atlas place "Kalbajar District" --date 1995-01-01 --names hy

NAME may be in any naming convention or variant (Stepanakert, Khankendi, Xankəndi,
Степанакерт), in any case, with or without diacritics, or a feature id.
exit codes: 0 success; 1 the dataset has problems; 2 bad command line or unknown name"""


def cmd_place(args, load: Callable) -> int:
    answers = Answers(load(args))
    try:
        result = answers.by_name(args.name, args.date, args.names)
    except UnknownName as exc:
        print(terminal_json(f"karabakh-atlas: error: {json.dumps(exc.name, ensure_ascii=False)} names no place, "
                            f"district or feature of the atlas"), file=sys.stderr)
        if exc.suggestions:
            print(terminal_json("did you mean: " + "; ".join(json.dumps(s, ensure_ascii=False)
                                                            for s in exc.suggestions)), file=sys.stderr)
        return exc.exit_code
    if args.format == "json":
        print(terminal_json(json.dumps(result, ensure_ascii=False, indent=1)))
    else:
        with i18n.use(args.lang):
            print(format_answer(result), end="")
    return 0


def register(sub, add_data_option: Callable, day_type: Callable, load: Callable) -> None:
    """Add the ``place`` command to the CLI's subcommands."""
    p = sub.add_parser("place", help="who held a place, district or area on a day; its zones, history, excerpts",
                       formatter_class=argparse.RawDescriptionHelpFormatter, epilog=PLACE_EPILOG,
                       description="Answer for one day: who held NAME, inside which peacekeeping or monitoring "
                                   "zones and near which corridors it lay, its district with the district's dated "
                                   "control history and the sources behind each date, and the excerpts that "
                                   "concern it.")
    add_data_option(p)
    p.add_argument("name", metavar="NAME", help="a place, district, control area or feature id, in any spelling")
    p.add_argument("--date", type=day_type, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--names", choices=tuple(CONVENTIONS), default="en",
                   help="naming convention of the names shown: en, az, hy or ru")
    add_lang_option(p)
    p.set_defaults(func=lambda args: cmd_place(args, load))
