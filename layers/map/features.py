"""Catalogue rows → what the browser draws: GeoJSON features and permanent labels.

Each feature is put in the map's longitude window and rounded, and carries its
precomputed style (``layers.map.styles``), escaped tooltip and popup
(``layers.map.popups``) and, for bases, its marker SVG. ``static_layer_payloads`` makes
the layers filters never change once per data version.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

import folium
import geopandas as gpd
import numpy as np
import shapely

from layers.catalogue.registry import LAYERS, LAYERS_BY_KEY
from layers.catalogue.schema import country_name
from layers.geo.longitude import shift_to_window
from layers.map import styles
from layers.map.callouts import event_marks
from layers.map.elements.feature_layer import FeatureLayer, layer_payload
from layers.map.popups import popup_html, tooltip_html

COORD_DECIMALS = 5  # ~1 m: far finer than any source, and keeps the payload small


def geometry_json(geom) -> dict:
    """GeoJSON of ``geom`` in the Pacific window, rounded to ``COORD_DECIMALS``."""
    shifted = shift_to_window(geom)
    rounded = shapely.transform(shifted, lambda xy: np.round(xy, COORD_DECIMALS))
    return shapely.geometry.mapping(rounded)


def _label_point(geom) -> tuple[float, float]:
    """(lat, lon) of a label inside/on ``geom`` (already in the Pacific window)."""
    if geom.area > 0 or geom.geom_type.endswith("Point"):
        point = geom.representative_point()
    else:  # a line: its middle
        point = geom.interpolate(0.5, normalized=True)
    return (round(point.y, COORD_DECIMALS), round(point.x, COORD_DECIMALS))


def layer_features(key: str, frame: gpd.GeoDataFrame, *, popups: bool = True) -> list[dict]:
    """Browser-ready GeoJSON features of one layer (windowed, styled, escaped).

    ``popups`` False leaves the popup HTML out: the app opens a details drawer instead,
    and the popups were over half of what the page downloaded for the map. (The app's
    events are made once per data version: ``layers.map.event_payload``.)
    """
    spec = LAYERS_BY_KEY[key]
    style_of = styles.STYLE_FUNCTIONS[key]
    features = []
    for row in frame.to_dict("records"):
        geom = row.get("geometry")
        if geom is None or geom.is_empty:
            continue
        style = {**style_of(row), "className": styles.css_classes(key, row)}
        props = {"s": style, "t": tooltip_html(spec, row)}
        if popups:
            props["p"] = popup_html(spec, row)
        if key == "bases":
            props["h"] = styles.base_icon_svg(row.get("country"), styles.is_approximate(row))
        features.append({"type": "Feature", "geometry": geometry_json(geom), "properties": props})
    return features


def features_by_id(
    key: str, frame: gpd.GeoDataFrame, *, popups: bool = True
) -> dict[str, dict]:
    """Every row's browser feature by id (cache it per data version; treat as read-only)."""
    drawable = frame[~(frame.geometry.isna() | frame.geometry.is_empty)]
    features = layer_features(key, drawable, popups=popups)
    return dict(zip(drawable["id"], features, strict=True))


def _largest(geoms: list):
    """The geometry with the largest area (or length, for lines)."""
    return max(geoms, key=lambda g: (g.area, g.length))


def _label_html(text: str, colour: str) -> str:
    return f'<span style="color:{colour}">{escape(text)}</span>'


_BASE_WORDS = (  # dropped from a base's name in its map label: "Misawa", "Wugong"
    "Marine Corps Air Station ", "JASDF ", "PLAAF ", "PLAN ",
    " Air Force Base", " Air Base", " air base", " area",
)  # fmt: skip


def base_label(name: str) -> str:
    """The short name a map label gives a base: ``JASDF Chitose Air Base`` → ``Chitose``."""
    short = str(name)
    for word in _BASE_WORDS:
        short = short.replace(word, "")
    return short.strip() or str(name)


def layer_labels(key: str, frame: gpd.GeoDataFrame) -> list[list]:
    """Permanent labels: each ADIZ by its declaring state, seas and straits, bases by name.

    The page hides those that collide (ADIZ before seas before bases; callouts first).
    """
    labels = []
    if key == "adiz" and len(frame):
        for state, rows in frame.groupby("declaring_state", sort=True):
            geom = _largest([shift_to_window(g) for g in rows.geometry if g is not None])
            text = f"{country_name(state)} ADIZ"
            html = _label_html(text, styles.country_colour(state))
            labels.append([*_label_point(geom), html, "bm-label bm-label-adiz"])
    if key == "areas" and len(frame):
        named = frame[frame["category"].isin(["sea", "strait"])]
        for row in named.to_dict("records"):
            colour = styles.AREA_STYLES[row["category"]][0]
            point = _label_point(shift_to_window(row["geometry"]))
            labels.append([*point, _label_html(str(row["name"]), colour), "bm-label bm-label-sea"])
    if key == "bases" and len(frame):
        for row in frame[["name", "geometry"]].to_dict("records"):
            if row["geometry"] is None or row["geometry"].is_empty:
                continue
            point = _label_point(shift_to_window(row["geometry"]))
            html = _label_html(base_label(row["name"]), "#263238")
            labels.append([*point, html, "bm-label bm-label-base"])
    return labels


def feature_group(
    key: str,
    frame: gpd.GeoDataFrame,
    numbers: Mapping[str, int] | None = None,
    *,
    popups: bool = True,
) -> folium.FeatureGroup:
    """One layer's rows as a feature group (the group the layer switcher names).

    Events get their numbered callouts (``numbers``: ``Selection.numbers``) and arrows;
    ``popups`` False leaves click popups out (the app shows a details drawer instead).
    """
    features = layer_features(key, frame, popups=popups)
    marks = event_marks(frame, numbers or {}) if key == "events" else None
    labels = layer_labels(key, frame)
    return layer_group(FeatureLayer(key, features, labels, marks, popups=popups))


def layer_group(layer: FeatureLayer) -> folium.FeatureGroup:
    """A feature group holding ``layer``, named by its registry title."""
    group = folium.FeatureGroup(name=LAYERS_BY_KEY[layer.key].title, overlay=True, show=True)
    layer.add_to(group)
    return group


def static_layer_payloads(frames: dict, *, popups: bool = True) -> dict[str, tuple[str, str]]:
    """``layer_payload`` of every layer the filters never change (all but events).

    The app caches this per data version, so a rerun does not rebuild features,
    tooltips and popups of bases, ADIZ and areas (pass it to ``build_data_layers``).
    """
    return {
        spec.key: layer_payload(
            spec.key,
            layer_features(spec.key, frames[spec.key], popups=popups),
            layer_labels(spec.key, frames[spec.key]),
        )
        for spec in LAYERS
        if not spec.date_filtered and spec.key in frames
    }
