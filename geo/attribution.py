"""Who to credit for the base data, in one place: every base-map file, its sources and the
line of attribution every export carries.

:data:`BASEMAP_FILES` lists each file of the dataset that comes from (or is drawn over) an
outside dataset, with the ids of its entries in ``data/provenance.json`` (title, publisher,
licence, how it was obtained). :data:`CREDITS` is the short credit for each of those
entries, and :data:`ATTRIBUTION` the sentence the exports print (the HTML day map and
timeline, the site, the GeoJSON exports' ``attribution`` member). A test checks that every
base-map file on disk is listed, that every listed id is in the registry with a licence, and
that every credit is in the sentence. :func:`attribution_text` is the same sentence in the
interface language (the frame words translated; the names of datasets, publishers and
licences stay as they are), for the pages a reader reads; the GeoJSON keeps the English.
"""
from __future__ import annotations

from .i18n import N_, full_stop, gettext

#: Dataset file (relative to the data directory) -> ids of its sources in provenance.json.
BASEMAP_FILES: dict[str, tuple[str, ...]] = {
    "layers/provinces.geojson": ("natural-earth-admin1",),
    "basemap/countries.geojson": ("natural-earth-admin1",),
    "basemap/province_points.json": ("province-points",),
    "layers/places.geojson": ("geonames-cities500",),
    "basemap/rivers.geojson": ("gshhg-wdb-rivers", "osm-lakes-geo-maps"),
    "basemap/rivers_named.json": ("gshhg-wdb-rivers", "osm-lakes-geo-maps"),
    "basemap/schematic_rivers.json": ("schematic-rivers",),
    "basemap/schematic_rivers.geojson": ("schematic-rivers",),
}

#: Source id -> the credit the exports print (names the licence the registry records).
CREDITS: dict[str, str] = {
    "natural-earth-admin1": N_("Boundaries: Natural Earth (public domain)"),
    "geonames-cities500": N_("Places: GeoNames (CC BY 4.0)"),
    "gshhg-wdb-rivers": N_("Rivers: GSHHG 2.3.7 / World Data Bank II, Wessel and Smith (LGPL-3.0)"),
    "osm-lakes-geo-maps": N_("Lakes and reservoirs: © OpenStreetMap contributors (ODbL 1.0), via geo-maps"),
    "schematic-rivers": N_("Hakari, Tartar and Vorotan: schematic lines drawn by Karabakh Atlas (CC BY 4.0)"),
    "province-points": N_("District check points and correction lines: Karabakh Atlas (CC BY 4.0)"),
}

#: The sentence's last part: the rest of the geometry.
OTHER_GEOMETRY = N_("Other geometry drawn by Karabakh Atlas (CC BY 4.0); see each feature's method and accuracy_km.")


def attribution_text(lang: str | None = None) -> str:
    """The line of attribution in ``lang`` (default: the current interface language)."""
    stop = full_stop(lang)
    return " ".join(gettext(credit, lang) + stop for credit in CREDITS.values()) + " " + gettext(OTHER_GEOMETRY, lang)


ATTRIBUTION = ". ".join(CREDITS[sid] for sid in CREDITS) + ". " + OTHER_GEOMETRY
