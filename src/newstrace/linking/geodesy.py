"""Great-circle distances (haversine on a sphere of the Earth's mean radius), one place and many."""

from __future__ import annotations

import math

import numpy as np

EARTH_KM = 6371.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points in radians, as ``distances_km`` computes each one."""
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(min(h, 1.0)))


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points in degrees."""
    # One radians() call per value, not map() over a new tuple: asked for every pair of candidates.
    return haversine_km(math.radians(a[0]), math.radians(a[1]), math.radians(b[0]), math.radians(b[1]))


def distances_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Great-circle distances from one point to many, all in radians."""
    h = np.sin((lats - lat) / 2) ** 2 + math.cos(lat) * np.cos(lats) * np.sin((lons - lon) / 2) ** 2
    d: np.ndarray = 2 * EARTH_KM * np.arcsin(np.sqrt(np.minimum(h, 1.0)))
    return d
