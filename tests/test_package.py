"""The package as installed, not as checked out: the wheel holds every module and file the
command line and the dashboard need at run time (built, installed into a fresh virtual
environment, run against the shipped data), and nothing is written into the package
while the dashboard runs."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conftest import DATA_DIR, ROOT

pytestmark = pytest.mark.package

PACKAGES = ("geo", "dashboard")


def package_files() -> set[str]:
    """Every file under the package directories of the checkout, but compiled bytecode."""
    return {str(p.relative_to(ROOT)) for name in PACKAGES for p in (ROOT / name).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts}


def test_the_dashboard_writes_nothing_into_the_package(tmp_path, monkeypatch):
    monkeypatch.setenv("KARABAKH_ATLAS_CACHE", str(tmp_path / "cache"))  # a cold cache: every file is built
    monkeypatch.delenv("KARABAKH_ATLAS_DATA", raising=False)
    before = package_files()
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60)
    at.query_params["date"] = "2021-06-01"
    at.run()
    assert not at.exception
    at.radio(key="names").set_value("ru").run()
    assert list((tmp_path / "cache").glob("v-*/data-ru-ru.json"))  # built, and built there
    assert package_files() == before, sorted(package_files() ^ before)


def _source_copy(target: Path) -> Path:
    """The files git tracks (what a clean checkout holds), copied: building writes nothing here."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed (dependencies reused from this
    environment through a .pth file: no download)."""
    work = tmp_path_factory.mktemp("wheel")
    source = _source_copy(work / "src")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                    str(work / "dist"), str(source)], check=True, cwd=work, capture_output=True)
    wheel = next((work / "dist").glob("karabakh_atlas-*.whl"))
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = Path(subprocess.run([str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    # this environment's packages (pip, shapely, streamlit, ...) without its editable install of the atlas
    (site / "reuse-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--no-deps", "-q", str(wheel)],
                   check=True, cwd=work, capture_output=True)
    return venv


def _run(venv: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KARABAKH_ATLAS_") and k != "PYTHONPATH"}
    return subprocess.run([str(venv / "bin" / "karabakh-atlas"), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_the_wheel_holds_the_run_time_files(installed):
    wheel = next(installed.parent.glob("dist/karabakh_atlas-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("geo/cli.py", "geo/build/__init__.py", "geo/ingest/terms.json", "geo/static/engine/engine.js",
                   "geo/static/engine/panels.js", "geo/static/engine/component.js", "geo/static/engine/engine.css",
                   "geo/static/engine/page.css", "geo/schema/chronology.schema.json", "dashboard/app.py",
                   "dashboard/pages/review.py"):
        assert needed in names, needed
    assert not [n for n in names if n.startswith(("tests/", "data/", "benchmarks/"))]


def test_the_installed_command_validates_and_exports_the_shipped_data(installed, tmp_path):
    imported = subprocess.run([str(installed / "bin" / "python"), "-c", "import geo, dashboard; print(geo.__file__)"],
                              cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert str(installed) in imported and str(ROOT) not in imported  # the installed copy, not the checkout
    checked = _run(installed, "validate", "--no-quotes", "--data", str(DATA_DIR), cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    out = tmp_path / "timeline.html"
    exported = _run(installed, "export", "--data", str(DATA_DIR), "html", "--timeline", "-o", str(out), cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    page = out.read_text(encoding="utf-8")
    assert "<html" in page and "KarabakhAtlas" in page and "cor-lachin-2020" in page


def test_every_package_on_disk_is_listed_in_pyproject():
    """pyproject lists the packages (data/ is mapped to one, which find cannot do): a package
    added under geo/ or dashboard/ and not listed fails here rather than in a user's install."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for name in PACKAGES for p in (ROOT / name).rglob("__init__.py")
               if "__pycache__" not in p.parts}
    assert on_disk and on_disk <= listed, sorted(on_disk - listed)
