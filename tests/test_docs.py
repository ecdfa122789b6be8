"""The README and the command line check each other."""
import argparse
import re
import shlex

import pytest

from geo.cli import build_parser

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _subparsers(parser):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            yield from action.choices.items()


def _commands(parser, prefix=()):
    for name, sub in _subparsers(parser):
        path = prefix + (name,)
        yield path, sub
        yield from _commands(sub, path)


def test_readme_documents_every_command_and_option():
    for path, sub in _commands(build_parser()):
        assert "karabakh-atlas " + " ".join(path) in README, f"README does not show 'karabakh-atlas {' '.join(path)}'"
        for action in sub._actions:
            options = [o for o in action.option_strings if o not in ("-h", "--help")]
            if options:
                assert any(re.search(re.escape(o) + r"\b", README) for o in options), \
                    f"README does not mention {'/'.join(options)} of {' '.join(path)}"


def _readme_command_lines():
    for block in re.findall(r"```sh\n(.*?)```", README, flags=re.S):
        for line in block.splitlines():
            line = line.split("#")[0].strip()
            if line.startswith("karabakh-atlas "):
                yield line


@pytest.mark.parametrize("line", list(_readme_command_lines()))
def test_every_command_in_the_readme_parses(line):
    args = build_parser().parse_args(shlex.split(line)[1:])
    assert callable(args.func)


def test_readme_names_the_two_commands():
    assert "make run" in README and "make test" in README
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text()
