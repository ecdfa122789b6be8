"""Open the atlas's GeoPackage in QGIS (headless, PyQGIS) and render a day to PNG.

Run with the Python that has QGIS's bindings (Debian: ``apt-get install python3-qgis
qgis-providers``; the system ``/usr/bin/python3``), not the project's virtualenv:

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/qgis_check.py atlas.gpkg 2020-11-15 out.png

It loads every feature table as QGIS does when the file is opened (the default style from
``layer_styles``), checks that each got the atlas's rule-based style and the temporal
properties (start/end fields; QGIS 3.22 resets them on opening, so the default style
is restored first, as Layer Properties > Style > Restore Default does), that the DATE
columns are QGIS Date fields, counts the features QGIS draws on the day by the rule of the
style that draws them (kind or side > road status > date uncertain or certain), and
renders the map of the day, drawing order as the atlas's, to the PNG.
Exits 1 naming the table when a check fails.
"""
from __future__ import annotations

import os
import sqlite3
import sys
from collections import Counter

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (QgsApplication, QgsDateTimeRange, QgsExpression, QgsExpressionContext,  # noqa: E402
                       QgsExpressionContextScope, QgsExpressionContextUtils, QgsMapRendererParallelJob,
                       QgsMapSettings, QgsRectangle, QgsVectorLayer, QgsVectorLayerTemporalProperties)
from qgis.PyQt.QtCore import QDate, QDateTime, QSize, QTime, QVariant  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

#: The contested ground (lon/lat): the former oblast, the seven districts, the northern front.
EXTENT = (45.3, 38.8, 47.6, 40.6)


def main(path: str, day_text: str, png: str) -> int:
    app = QgsApplication([], False)
    app.initQgis()
    day = QDate.fromString(day_text, "yyyy-MM-dd")
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute("SELECT table_name FROM gpkg_geometry_columns ORDER BY rowid")]
    problems, layers = [], []
    for name in tables:
        layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
        if not layer.isValid():
            problems.append(f"{name}: QGIS cannot open the table")
            continue
        if layer.renderer().type() != "RuleRenderer":
            problems.append(f"{name}: the default style was not loaded (renderer {layer.renderer().type()})")
        temporal = layer.temporalProperties()
        if not temporal.isActive():
            # QGIS 3.22 resets a layer's temporal properties after loading its default style on
            # opening; Style > Restore Default (loadDefaultStyle) applies the style's, as a reader does
            print(f"{name}: temporal properties reset on opening; restoring the default style")
            layer.loadDefaultStyle()
            temporal = layer.temporalProperties()
        if not temporal.isActive() or temporal.mode() != QgsVectorLayerTemporalProperties.ModeFeatureDateTimeStartAndEndFromFields \
                or (temporal.startField(), temporal.endField()) != ("valid_from_start", "valid_to_start"):
            problems.append(f"{name}: temporal properties not set from the style")
        fields = layer.fields()
        for column in ("valid_from", "valid_to", "valid_from_start", "valid_to_start"):
            if fields.field(column).type() != QVariant.Date:
                problems.append(f"{name}: {column} is {fields.field(column).typeName()}, not Date")
        # what QGIS draws on the day: the temporal filter, then the rules of the style that match
        context = QgsExpressionContext()
        context.appendScopes(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
        scope = QgsExpressionContextScope()
        start = QDateTime(day, QTime(0, 0))
        scope.setVariable("map_start_time", start)
        scope.setVariable("map_end_time", start.addDays(1))
        context.appendScope(scope)
        root = layer.renderer().rootRule()  # after the style is restored (the old renderer is gone)
        drawn: Counter = Counter()
        for feature in layer.getFeatures():
            a, b = feature["valid_from_start"], feature["valid_to_start"]
            a = a if isinstance(a, QDate) and a.isValid() else None
            b = b if isinstance(b, QDate) and b.isValid() else None
            if (a is None or a <= day) and (b is None or day < b):
                context.setFeature(feature)
                labels, rule = [], root
                while rule.children():  # the first child whose filter holds, else the ELSE child
                    children = rule.children()
                    rule = next((r for r in children if not r.isElse() and r.filterExpression()
                                 and QgsExpression(r.filterExpression()).evaluate(context)),
                                next((r for r in children if r.isElse()), None))
                    if rule is None:
                        break
                    labels.append(rule.label())
                drawn[" > ".join(labels) if rule is not None else "(no rule: not drawn)"] += 1
        n_uncertain = sum(n for label, n in drawn.items() if label.endswith("uncertain (dotted, fainter)"))
        print(f"{name}: {layer.featureCount()} features, {sum(drawn.values())} drawn on {day_text}, "
              f"{n_uncertain} of them uncertain")
        for label, n in sorted(drawn.items()):
            print(f"    {n:3d}  {label}")
        layers.append(layer)
    settings = QgsMapSettings()
    settings.setLayers(list(reversed(layers)))  # first in the list is drawn on top
    settings.setDestinationCrs(layers[0].crs())
    settings.setExtent(QgsRectangle(*EXTENT))
    settings.setOutputSize(QSize(1200, 940))
    settings.setBackgroundColor(QColor("#f4f1ea"))
    settings.setIsTemporal(True)
    settings.setTemporalRange(QgsDateTimeRange(QDateTime(day, QTime(0, 0)), QDateTime(day.addDays(1), QTime(0, 0)),
                                               True, False))
    # as QGIS's map canvas does: the map's variables (@map_start_time, ...) for the styles' rules
    map_context = QgsExpressionContext()
    map_context.appendScope(QgsExpressionContextUtils.globalScope())
    map_context.appendScope(QgsExpressionContextUtils.mapSettingsScope(settings))
    settings.setExpressionContext(map_context)
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    job.renderedImage().save(png, "png")
    print(f"rendered {png}")
    for problem in problems:
        print(problem, file=sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(1 if problems else 0)  # QGIS 3.22's teardown with layers alive may crash: nothing left to do


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
