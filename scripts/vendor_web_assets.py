"""Refresh the JavaScript and CSS the web app ships: ``src/newstrace/web/static/vendor/``.

Each library is fetched with ``npm pack`` at the pinned version and only its minified build and its
licence are kept, so that ``pip install newstrace`` serves the pages with no network and no CDN.

    python scripts/vendor_web_assets.py
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "newstrace" / "web" / "static" / "vendor"
# package, version, folder under vendor/, files to keep (relative to the package root)
LIBRARIES = (
    ("htmx.org", "2.0.11", "htmx", ("dist/htmx.min.js", "LICENSE")),
    ("chart.js", "4.6.1", "chartjs", ("dist/chart.umd.min.js", "LICENSE.md")),
    (
        "leaflet",
        "1.9.4",
        "leaflet",
        (
            "dist/leaflet.js",
            "dist/leaflet.css",
            "dist/images/layers.png",
            "dist/images/layers-2x.png",
            "dist/images/marker-icon.png",
            "dist/images/marker-icon-2x.png",
            "dist/images/marker-shadow.png",
            "LICENSE",
        ),
    ),
)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="newstrace-vendor-") as tmp:
        for package, version, folder, files in LIBRARIES:
            subprocess.run(
                ["npm", "pack", f"{package}@{version}", "--silent"],
                cwd=tmp,
                check=True,
                capture_output=True,
            )
            tgz = next(Path(tmp).glob(f"{package}-{version}.tgz"))
            unpacked = Path(tmp) / folder
            with tarfile.open(tgz) as tf:
                tf.extractall(unpacked, filter="data")
            dest = OUT / folder
            if dest.exists():
                shutil.rmtree(dest)
            for rel in files:
                # dist/ is dropped: leaflet.css finds its images/ beside it, as in the package.
                target = dest / rel.removeprefix("dist/")
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(unpacked / "package" / rel, target)
            (dest / "VERSION").write_text(f"{package} {version}\n", encoding="utf-8")
            print(f"{package} {version} -> {dest}")


if __name__ == "__main__":
    main()
