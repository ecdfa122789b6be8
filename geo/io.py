"""Reading dataset files (confined, strict JSON) and writing outputs atomically.
No validation logic here."""
from __future__ import annotations

import os
import re
import shutil
import stat
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from . import confine, jsonload
from .errors import ConfigError, ExportError, Problem
from .i18n import _

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
#: The package a built wheel ships the dataset in (``data/`` installed under this name; see pyproject.toml).
DATA_PACKAGE = "karabakh_atlas_data"


def _shipped_data_dir() -> Path:
    """``data/`` of a source checkout, else the dataset installed with the wheel."""
    local = PACKAGE_ROOT / "data"
    if (local / "layers").is_dir():
        return local
    import importlib.util
    spec = importlib.util.find_spec(DATA_PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec else []
    return Path(locations[0]) if locations else local


#: The dataset shipped with the atlas.
DEFAULT_DATA_DIR = _shipped_data_dir()
DATA_ENV_VAR = "KARABAKH_ATLAS_DATA"
SOURCES_ENV_VAR = "KARABAKH_ATLAS_SOURCES"
#: ``-o -`` writes to standard output.
STDOUT = "-"
#: The suffix each kind of dataset file must have (exactly, in lower case).
LAYER_SUFFIX, SOURCE_SUFFIX = ".geojson", ".json"
#: The folder of event tables and their suffix (GeoParquet; see geo/event_store.py).
TABLES_FOLDER, TABLE_SUFFIX = "tables", ".parquet"


@dataclass
class RawFile:
    """One parsed JSON file of a dataset, or the problem that stopped it parsing."""

    path: Path
    label: str  # the path as shown in messages, relative to the dataset directory
    content: Any = None
    #: values that parsed but are not sound JSON data (NaN, duplicate keys, NUL, ...)
    issues: list[jsonload.Issue] = field(default_factory=list)
    #: the layer of a layer file: ``layers/<layer>.geojson``, or any ``*.geojson`` in the
    #: folder ``layers/<layer>/`` (a layer may span several files, e.g. imported event tables)
    layer: str | None = None


@dataclass
class RawDataset:
    """The dataset's files as parsed JSON, before validation."""

    root: Path
    layer_files: list[RawFile] = field(default_factory=list)
    source_files: list[RawFile] = field(default_factory=list)
    provenance: RawFile | None = None
    chronology: RawFile | None = None
    problems: list[Problem] = field(default_factory=list)
    #: the event tables (``tables/*.parquet``): (path, label); not read here, they are
    #: checked column by column (:mod:`geo.event_check`)
    table_files: list[tuple[Path, str]] = field(default_factory=list)


# -- where the data is: the one place that decides -------------------------------------------
def default_data_dir(given: Path | str | None = None) -> Path:
    """The dataset directory: ``given``, else ``$KARABAKH_ATLAS_DATA``, else the shipped
    ``data/``. A directory named by the environment that does not exist is a :class:`ConfigError`."""
    if given:
        return Path(given)
    env = os.environ.get(DATA_ENV_VAR)
    if env:
        if not Path(env).is_dir():
            raise ConfigError(_("{variable}={path} is not a directory", variable=DATA_ENV_VAR, path=env))
        return Path(env)
    return DEFAULT_DATA_DIR


def default_sources_dir(data_dir: Path | str | None = None, given: Path | str | None = None) -> Path | None:
    """Where the source texts are: ``given`` (``--sources``), else ``$KARABAKH_ATLAS_SOURCES``,
    else ``../shared/seeds`` beside the dataset or the project; None when none of those
    exists (quotes then cannot be checked). A directory that is named (option or
    environment) but does not exist is a :class:`ConfigError`, never a silent fallback."""
    for value, what in ((given, "--sources"), (os.environ.get(SOURCES_ENV_VAR), SOURCES_ENV_VAR)):
        if value:
            if not Path(value).is_dir():
                raise ConfigError(_("{what} {value} is not a directory", what=what, value=value))
            return Path(value)
    candidates = [PACKAGE_ROOT.parent / "shared" / "seeds"]
    if data_dir is not None:
        candidates.insert(0, Path(data_dir).resolve().parent.parent / "shared" / "seeds")
    return next((c for c in candidates if c.is_dir()), None)


# -- reading -------------------------------------------------------------------------------
def _read_json(root: Path, path: Path, label: str, problems: list[Problem], limit: int) -> RawFile:
    raw = RawFile(path, label)
    try:
        raw.content, raw.issues = jsonload.loads(confine.read_inside(root, path, limit))
        if raw.content is None:  # JSON null: read, but no object (None is "not parsed" below)
            problems.append(Problem(label, "", "", _("the file holds null, not a JSON object")))
    except confine.ReadRefused as exc:
        problems.append(Problem(label, "", "", str(exc)))
    except jsonload.JSONSyntaxError as exc:
        problems.append(Problem(label, "", "", str(exc)))
    return raw


def read_json_inside(root: Path | str, name: str, limit: int = confine.MAX_JSON_BYTES) -> tuple[Any, list[Problem]]:
    """One more JSON file of the dataset directory (``story.json``, ...), read like the others:
    confined to ``root``, strict JSON. Returns (content, []) or (None, the problems)."""
    problems: list[Problem] = []
    raw = _read_json(Path(root), Path(root) / name, name, problems, limit)
    problems += [Problem(name, "", jsonload.field_name(issue.path), issue.message) for issue in raw.issues]
    return (None if problems else raw.content), problems


def _entries(directory: Path) -> list[os.DirEntry]:
    with os.scandir(directory) as it:
        return sorted(it, key=lambda e: e.name)


def _read_folder(root: Path, folder: str, suffix: str, what: str, problems: list[Problem],
                 subfolders: bool = False) -> list[RawFile]:
    """Every file of ``root/folder``: read if it is ``*<suffix>``, else reported. With
    ``subfolders`` (layers), a folder in it is read the same way, one level deep, and its
    files belong to the layer the folder is named after."""
    out = []
    for entry in _entries(root / folder):
        label = f"{folder}/{entry.name}"
        if _TEMP_NAME.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False):
            continue  # a write in progress (or killed): the file it replaces is still whole
        if entry.is_dir(follow_symlinks=False) and subfolders:
            try:
                confine.inside(root, Path(entry.path))
            except confine.ReadRefused as exc:
                problems.append(Problem(label + "/", "", "", str(exc)))
                continue
            for raw in _read_folder(root, label, suffix, what, problems):
                raw.layer = entry.name
                out.append(raw)
        elif entry.is_dir(follow_symlinks=False):
            problems.append(Problem(label, "", "", f"a directory; {folder}/ holds only {what} files (*{suffix})"))
        elif not entry.name.endswith(suffix) or entry.name == suffix:
            found = os.path.splitext(entry.name)[1]
            hint = (f"; rename it to {entry.name[:-len(found)]}{suffix}" if found.lower() == suffix else "")
            problems.append(Problem(label, "", "", f"not read: {what} files end in {suffix} (lower case), "
                                                   f"not {found or 'no extension'!s}{hint}"))
        else:
            out.append(_read_json(root, Path(entry.path), label, problems,
                                  confine.MAX_LAYER_BYTES if suffix == LAYER_SUFFIX else confine.MAX_JSON_BYTES))
    return out


def read_dataset(root: Path | str) -> RawDataset:
    """Parse every file of the dataset directory ``root`` (reads never leave it)."""
    root = Path(root)
    data = RawDataset(root)
    if not root.is_dir():
        data.problems.append(Problem(root.name or str(root), "", "", _("dataset directory not found")))
        return data
    for folder, suffix, what, target in (("layers", LAYER_SUFFIX, "layer", data.layer_files),
                                         ("sources", SOURCE_SUFFIX, "source", data.source_files)):
        directory = root / folder
        if not directory.is_dir():
            if folder == "layers":
                data.problems.append(Problem(str(root.name), "", "layers/", _("no layers/ directory in the dataset")))
            continue
        try:
            confine.inside(root, directory)
        except confine.ReadRefused as exc:
            data.problems.append(Problem(f"{folder}/", "", "", str(exc)))
            continue
        found = _read_folder(root, folder, suffix, what, data.problems, subfolders=folder == "layers")
        for raw in found:
            if folder == "layers" and raw.layer is None:
                raw.layer = raw.path.stem
        target.extend(found)
    _list_tables(root, data)
    provenance = root / "provenance.json"
    if provenance.exists() or provenance.is_symlink():
        data.provenance = _read_json(root, provenance, "provenance.json", data.problems, confine.MAX_JSON_BYTES)
    chronology = root / "chronology.json"
    if chronology.exists() or chronology.is_symlink():
        data.chronology = _read_json(root, chronology, "chronology.json", data.problems, confine.MAX_JSON_BYTES)
    return data


def _list_tables(root: Path, data: RawDataset) -> None:
    """The event tables of ``root/tables/``: regular ``*.parquet`` files inside the dataset;
    anything else there is reported."""
    directory = root / TABLES_FOLDER
    if not directory.is_dir() and not directory.is_symlink():
        return
    try:
        confine.inside(root, directory)
    except confine.ReadRefused as exc:
        data.problems.append(Problem(f"{TABLES_FOLDER}/", "", "", str(exc)))
        return
    for entry in _entries(directory):
        label = f"{TABLES_FOLDER}/{entry.name}"
        if _TEMP_NAME.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False):
            continue  # a write in progress (or killed)
        if not entry.name.endswith(TABLE_SUFFIX) or entry.name == TABLE_SUFFIX:
            data.problems.append(Problem(label, "", "", f"not read: {TABLES_FOLDER}/ holds event tables "
                                                        f"(GeoParquet, *{TABLE_SUFFIX})"))
        elif not entry.is_file(follow_symlinks=False):
            data.problems.append(Problem(label, "", "", _("not a regular file (a symbolic link, directory or device)")))
        else:
            data.table_files.append((Path(entry.path), label))


def read_source_text(sources_dir: Path, text_file: str) -> str:
    """The full text of a source document, read inside ``sources_dir`` only; raises
    :class:`confine.ReadRefused` saying why it was not read (not UTF-8, outside, ...)."""
    data = confine.read_named(Path(sources_dir), text_file, confine.MAX_TEXT_BYTES)
    try:
        return jsonload.decode_utf8(data)
    except jsonload.JSONSyntaxError as exc:
        raise confine.ReadRefused(str(exc)) from None


# -- writing -------------------------------------------------------------------------------
#: Temporary directories of exports in progress: ``.karabakh-atlas-<pid>-<random>.part``
#: (short, so that a target name of up to NAME_MAX bytes still works).
TEMP_PREFIX, TEMP_SUFFIX = ".karabakh-atlas-", ".part"
_TEMP_NAME = re.compile(r"\.karabakh-atlas-(\d+)-[a-z0-9_]+\.part")
#: A temporary directory older than this is left over whatever its process.
STALE_SECONDS = 24 * 3600


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # no /proc: read it by setting it (briefly)
    os.umask(mask)
    return mask


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def clean_leftovers(directory: Path) -> list[str]:
    """Remove temporary directories that killed exports left in ``directory`` (their process
    is gone, or they are older than a day); return their names."""
    removed = []
    try:
        entries = _entries(directory)
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP_NAME.fullmatch(entry.name)
        if not match or not entry.is_dir(follow_symlinks=False):
            continue
        pid = int(match.group(1))
        try:
            old = time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
        except OSError:
            continue
        if (pid != os.getpid() and not _alive(pid)) or old:
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(entry.name)
    return removed


def check_target(path: Path) -> None:
    """Refuse (:class:`ExportError`) to replace anything at ``path`` but a regular file:
    a symlink, directory, device, FIFO or socket stays as it is."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ExportError(_("cannot write {path}: {strerror}", path=path, strerror=exc.strerror)) from None
    if not stat.S_ISREG(info.st_mode):
        raise ExportError(_("refusing to write {path}: it is {kind}, not a regular file "
                            "(remove it or choose another name)", path=path, kind=confine.kind_of(info.st_mode)))


@contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """Yield a temporary path to write to; on success it replaces ``path`` in one step (with
    the mode the umask gives a new file), on any failure it is removed and ``path`` is left
    as it was. Only a regular file (or nothing) at ``path`` is ever replaced.

    The temporary file sits in its own hidden directory next to the target, so that side
    files a writer may create (SQLite's ``-journal``, ``-wal``) are cleaned up with it; such
    directories left by a killed export are removed by the next export to that directory."""
    path = Path(path)
    if str(path) == STDOUT:
        raise ExportError(_("this output cannot be written to standard output ('-')"))
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise ExportError(_("cannot write {path}: the directory {directory} does not exist",
                            path=path, directory=directory))
    check_target(path)
    clean_leftovers(directory)
    try:
        workdir = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=TEMP_SUFFIX, dir=directory))
    except OSError as exc:
        raise ExportError(_("cannot write {path}: {strerror}", path=path, strerror=exc.strerror)) from None
    try:
        suffix = path.suffix if len(path.suffix) <= 16 else ""
        tmp = workdir / f"output{suffix}"
        yield tmp
        try:
            info = os.lstat(tmp)
        except OSError:
            info = None
        if info is None or not stat.S_ISREG(info.st_mode):
            raise ExportError(_("cannot write {path}: the writer produced no file", path=path))
        try:
            os.chmod(tmp, 0o666 & ~_umask())
            fd = os.open(tmp, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            check_target(path)
            os.replace(tmp, path)
        except OSError as exc:
            raise ExportError(_("cannot write {path}: {strerror}", path=path, strerror=exc.strerror)) from None
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def scratch_dir(parent: Path | str | None = None) -> Iterator[Path]:
    """A temporary directory named like an export's (in ``parent``, default the system's
    temporary directory), removed afterwards; one left by a killed process is removed by
    the next call, as :func:`atomic_path` does beside its targets."""
    parent = Path(parent or tempfile.gettempdir())
    clean_leftovers(parent)
    workdir = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=TEMP_SUFFIX, dir=parent))
    try:
        yield workdir
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def write_atomic(path: Path | str, content: str | bytes) -> Path:
    """Write ``content`` to ``path`` so that the file is either complete or untouched."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with atomic_path(path) as tmp:
        try:
            with open(tmp, "xb") as out:
                out.write(data)
        except OSError as exc:
            raise ExportError(_("cannot write {path}: {strerror}", path=path, strerror=exc.strerror)) from None
    return Path(path)


def is_stdout(path: Path | str) -> bool:
    return str(path) == STDOUT


def write_output(path: Path | str, content: str | bytes) -> None:
    """Write an export: to standard output if ``path`` is ``-``, else atomically to the file."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if is_stdout(path):
        try:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        except OSError as exc:
            raise ExportError(_("cannot write to standard output: {strerror}", strerror=exc.strerror)) from None
        return
    write_atomic(path, data)
