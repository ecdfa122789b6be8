"""docs/notebook.ipynb runs from top to bottom, offline, and shows a map and frames."""
from __future__ import annotations

import html as htmllib
import re

import nbformat
from nbclient import NotebookClient

from conftest import ROOT

NOTEBOOK = ROOT / "docs" / "notebook.ipynb"
REMOTE = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", re.IGNORECASE)


def test_the_stored_notebook_is_valid_and_has_no_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


def test_the_notebook_runs_and_shows_a_folium_map_and_frames(tmp_path, atlas):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = {i: cell.outputs for i, cell in enumerate(nb.cells) if cell.cell_type == "code"}
    errors = [o for outs in outputs.values() for o in outs if o.output_type == "error"]
    assert not errors, errors
    html = [o["data"]["text/html"] for outs in outputs.values() for o in outs
            if o.output_type == "execute_result" and "text/html" in o.get("data", {})]
    maps = [h for h in html if "folium" in h or "leaflet" in h.lower()]
    assert len(maps) == 2, "the day map and the explore() map"
    pages = [htmllib.unescape(h) for h in maps]  # a folium map is shown as an iframe with its page escaped
    assert all("data:text/javascript;base64," in p and not REMOTE.search(p) for p in pages)
    assert any("cor-lachin-2022" in h or "held_by" in h for h in html)  # the frame's table
    assert list(tmp_path.iterdir()) == []  # the notebook writes only to its own temporary folder
