"""Every benchmark script still imports: its helpers from other benchmark scripts and from
the tests exist (a benchmark is run by hand, rarely, so nothing else notices when a helper
it imports is renamed or removed). Their ``main()`` is not run."""
from __future__ import annotations

import importlib.util
import sys

import pytest

from conftest import ROOT

BENCHMARKS = ROOT / "benchmarks"
SCRIPTS = sorted(p for p in BENCHMARKS.glob("*.py"))


def test_the_benchmarks_are_found():
    assert {"bench_proxy.py", "bench_dashboard.py"} <= {p.name for p in SCRIPTS}


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_a_benchmark_script_imports(script, monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))  # as `python benchmarks/x.py` runs it
    monkeypatch.setattr(sys, "argv", [str(script)])
    spec = importlib.util.spec_from_file_location(f"_bench_{script.stem}", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if "__main__" in script.read_text(encoding="utf-8"):  # a script, not a helper module (timing.py)
        assert callable(getattr(module, "main", None)), f"{script.name} has no main()"
