"""Building the atlas's drawn layers from editable data files (run by ``make data``).

The inputs are data, not code: hand-drawn lines and areas (``data/drawn/*.geojson``),
recipes that combine named shapes (``data/drawn/recipes.json``), feature definitions
(``data/drawn/layers/*.geojson``) and the control chronology (``data/chronology.json``).
"""
