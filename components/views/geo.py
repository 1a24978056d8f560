"""The map's geography (pure): the vendored Natural Earth outlines (static/vendor/topojson/asia_50m.json, the file
plotly.js itself reads for `scope="asia"`), decoded and projected into a light SVG base map of Korea and China.

The light map is a picture the server draws: land, country borders and the points and lines of the data, in an
SVG shown as an image (no script, no request to another host). The interactive map is plotly's own `scattergeo`
reading the same file from this app's server (`TOPOJSON_URL`), never from plotly's CDN.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOPOJSON_FILE = ROOT / "static" / "vendor" / "topojson" / "asia_50m.json"
# plotly.js asks `<topojsonURL><scope>_<resolution>m.json`: relative, so it works under a sub-path too (pages are
# one level deep: /regions -> /app/static/..., /dash/regions -> /dash/app/static/...).
TOPOJSON_URL = "app/static/vendor/topojson/"

# What the map shows: east China, the Korean peninsula and the sea between (lon, lat).
BOUNDS = (97.0, 18.0, 132.0, 50.0)
WIDTH = 640  # px of the SVG's coordinate system; it scales to the page's width
SHADED = ("CHN", "KOR")  # the two countries drawn darker than the land around them


@dataclass(frozen=True)
class Projection:
    """Equirectangular, longitudes shortened by the cosine of the middle latitude (shapes read right at 20–50°N)."""

    west: float
    south: float
    east: float
    north: float
    width: float

    @property
    def scale(self) -> float:
        return self.width / ((self.east - self.west) * self.aspect)

    @property
    def aspect(self) -> float:
        return math.cos(math.radians((self.north + self.south) / 2))

    @property
    def height(self) -> float:
        return (self.north - self.south) * self.scale

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.west) * self.aspect * self.scale, (self.north - lat) * self.scale


PROJECTION = Projection(*BOUNDS, width=WIDTH)


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Every arc of a quantized TopoJSON topology as (lon, lat) points (delta-decoded, then transformed)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        points, x, y = [], 0, 0
        for dx, dy, *_ in arc:
            if transform:
                x, y = x + dx, y + dy
                (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
                points.append((x * sx + tx, y * sy + ty))
            else:
                points.append((dx, dy))
        arcs.append(points)
    return arcs


def _ring(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def rings(topology: dict, layer: str, ids: tuple[str, ...] | None = None) -> list[list[tuple[float, float]]]:
    """The outer and inner rings of a polygon layer's geometries (those whose id is in `ids`, or all)."""
    arcs = decode_arcs(topology)
    found = []
    for geometry in topology["objects"][layer]["geometries"]:
        if ids is not None and geometry.get("id") not in ids:
            continue
        polygons = geometry.get("arcs", [])
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        elif geometry["type"] != "MultiPolygon":
            continue
        for polygon in polygons:
            found.extend(_ring(arcs, ring) for ring in polygon)
    return found


def _in_view(ring: list[tuple[float, float]], margin: float = 2.0) -> bool:
    west, south, east, north = BOUNDS
    return any(west - margin <= lon <= east + margin and south - margin <= lat <= north + margin for lon, lat in ring)


def svg_path(ring_list: list[list[tuple[float, float]]], projection: Projection = PROJECTION, min_step: float = 2.0) -> str:
    """An SVG path of the rings in view, projected, clamped just outside the frame (what lies beyond is never
    seen), rounded to whole pixels and thinned to points at least `min_step` px apart (~30 KB for the region)."""
    pad = 4.0
    parts = []
    for ring in ring_list:
        if not _in_view(ring):
            continue
        kept: list[tuple[float, float]] = []
        for lon, lat in ring:
            x, y = projection(lon, lat)
            x = round(min(max(x, -pad), projection.width + pad))
            y = round(min(max(y, -pad), projection.height + pad))
            if kept and abs(x - kept[-1][0]) < min_step and abs(y - kept[-1][1]) < min_step:
                continue
            kept.append((x, y))
        if len(kept) >= 3:
            parts.append("M" + "L".join(f"{x},{y}" for x, y in kept) + "Z")
    return "".join(parts)


@lru_cache(maxsize=1)
def base_map() -> dict[str, str]:
    """The base map's paths, once per process: the land, and the two countries of the data drawn over it with
    their borders."""
    topology = json.loads(TOPOJSON_FILE.read_text(encoding="utf-8"))
    return {"land": svg_path(rings(topology, "land")), "shaded": svg_path(rings(topology, "countries", SHADED))}
