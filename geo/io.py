"""Reading dataset files and writing outputs atomically. No validation logic here."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .errors import ExportError, Problem

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
#: The dataset shipped with the atlas.
DEFAULT_DATA_DIR = PACKAGE_ROOT / "data"
DATA_ENV_VAR = "KARABAKH_ATLAS_DATA"
SOURCES_ENV_VAR = "KARABAKH_ATLAS_SOURCES"


@dataclass
class RawFile:
    """One parsed JSON file of a dataset, or the problem that stopped it parsing."""

    path: Path
    label: str  # the path as shown in messages, relative to the dataset directory
    content: Any = None


@dataclass
class RawDataset:
    """The dataset's files as parsed JSON, before validation."""

    root: Path
    layer_files: list[RawFile] = field(default_factory=list)
    source_files: list[RawFile] = field(default_factory=list)
    provenance: RawFile | None = None
    problems: list[Problem] = field(default_factory=list)


def default_data_dir() -> Path:
    """The dataset directory: ``$KARABAKH_ATLAS_DATA`` if set, else the shipped ``data/``."""
    env = os.environ.get(DATA_ENV_VAR)
    return Path(env) if env else DEFAULT_DATA_DIR


def default_sources_dir(data_dir: Path) -> Path | None:
    """Where the source texts are: ``$KARABAKH_ATLAS_SOURCES``, else ``../shared/seeds``
    beside the project; None when neither exists (quotes then cannot be checked)."""
    env = os.environ.get(SOURCES_ENV_VAR)
    candidates = [Path(env)] if env else []
    candidates += [Path(data_dir).resolve().parent.parent / "shared" / "seeds",
                   PACKAGE_ROOT.parent / "shared" / "seeds"]
    return next((c for c in candidates if c.is_dir()), None)


def _read_json(path: Path, label: str, problems: list[Problem]) -> RawFile:
    raw = RawFile(path, label)
    try:
        raw.content = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        problems.append(Problem(label, "", "", f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"))
    except UnicodeDecodeError as exc:
        problems.append(Problem(label, "", "", f"not UTF-8 text ({exc.reason} at byte {exc.start})"))
    except OSError as exc:
        problems.append(Problem(label, "", "", f"cannot be read: {exc.strerror}"))
    return raw


def read_dataset(root: Path | str) -> RawDataset:
    """Parse every file of the dataset directory ``root``."""
    root = Path(root)
    data = RawDataset(root)
    if not root.is_dir():
        data.problems.append(Problem(str(root), "", "", "dataset directory not found"))
        return data
    layers_dir = root / "layers"
    if not layers_dir.is_dir():
        data.problems.append(Problem(str(root), "", "layers/", "no layers/ directory in the dataset"))
    else:
        for path in sorted(layers_dir.glob("*.geojson")):
            data.layer_files.append(_read_json(path, f"layers/{path.name}", data.problems))
    sources_dir = root / "sources"
    if sources_dir.is_dir():
        for path in sorted(sources_dir.glob("*.json")):
            data.source_files.append(_read_json(path, f"sources/{path.name}", data.problems))
    provenance = root / "provenance.json"
    if provenance.is_file():
        data.provenance = _read_json(provenance, "provenance.json", data.problems)
    return data


def read_source_text(sources_dir: Path, text_file: str) -> str | None:
    """The full text of a source document, or None if it is not there."""
    path = Path(sources_dir) / text_file
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


@contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` to write to; on success it replaces ``path``
    in one step, on any failure it is removed and ``path`` is left as it was.

    The temporary file sits in its own hidden directory next to the target, so that side
    files a writer may create (SQLite's ``-journal``, ``-wal``) are cleaned up with it."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise ExportError(f"cannot write {path}: the directory {directory} does not exist")
    try:
        workdir = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".part", dir=directory))
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror}") from None
    try:
        tmp = workdir / path.name
        yield tmp
        if not tmp.is_file():
            raise ExportError(f"cannot write {path}: the writer produced no file")
        try:
            os.replace(tmp, path)
        except OSError as exc:
            raise ExportError(f"cannot write {path}: {exc.strerror}") from None
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def write_atomic(path: Path | str, content: str | bytes) -> Path:
    """Write ``content`` to ``path`` so that the file is either complete or untouched."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with atomic_path(path) as tmp:
        try:
            tmp.write_bytes(data)
        except OSError as exc:
            raise ExportError(f"cannot write {path}: {exc.strerror}") from None
    return Path(path)
