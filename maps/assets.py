"""The scripts and stylesheets a map page needs, embedded or linked.

Third-party code comes from registry packages, never from this repository:
- Leaflet 1.9.x from ``XStatic-Leaflet`` (its images inlined as data: URIs);
- Leaflet.markercluster from ``XStatic-Leaflet-MarkerCluster``.
Our own small scripts and styles (controls, popups, legend) live in ``maps/assets/``.

Embedded (the default), a saved map needs no network at all. With ``cdn=True`` the two
libraries are linked from jsDelivr at the same versions instead (a much smaller file);
our own code is always inlined, it is small.
"""

from __future__ import annotations

import base64
import functools
import importlib.resources
import re
from dataclasses import dataclass
from pathlib import Path

from incimap.geo.exceptions import IncimapError
from incimap.maps.safejson import inline_script_text

# Our own files, in load order (later files use earlier ones).
OWN_SCRIPTS = ("core.js", "popups.js", "controls.js", "legend.js", "layers.js")
OWN_STYLES = ("incimap.css",)

_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$", re.MULTILINE)
_CSS_URL = re.compile(r"url\((['\"]?)(images/[^)'\"]+)\1\)")
_MIME = {".png": "image/png", ".svg": "image/svg+xml", ".gif": "image/gif"}


class AssetError(IncimapError):
    """A package that ships the map's scripts is missing or incomplete."""


@dataclass(frozen=True)
class Library:
    """One third-party library: where its files are, and where a CDN serves them."""

    name: str
    package: str  # the PyPI distribution, for the error message
    module: str  # the xstatic module holding BASE_DIR and VERSION
    cdn_base: str  # jsDelivr base; {version} is filled in
    scripts: tuple[str, ...]
    styles: tuple[str, ...]


LIBRARIES = (
    Library("leaflet", "XStatic-Leaflet", "xstatic.pkg.leaflet",
            "https://cdn.jsdelivr.net/npm/leaflet@{version}/dist/",
            ("leaflet.js",), ("leaflet.css",)),
    Library("markercluster", "XStatic-Leaflet-MarkerCluster",
            "xstatic.pkg.leaflet_markercluster",
            "https://cdn.jsdelivr.net/npm/leaflet.markercluster@{version}/dist/",
            ("leaflet.markercluster.js",), ("MarkerCluster.css", "MarkerCluster.Default.css")),
)


@functools.cache
def library_dir(library: Library) -> tuple[Path, str]:
    """Folder of a library's files and its upstream version."""
    try:
        module = importlib.import_module(library.module)
    except ImportError:
        raise AssetError(
            f"{library.package} is not installed; run 'pip install {library.package}' "
            "(or pass --cdn to link the map's scripts from a CDN)") from None
    return Path(module.BASE_DIR), str(module.VERSION)


def _read(folder: Path, name: str, package: str) -> str:
    try:
        return (folder / name).read_text(encoding="utf-8")
    except OSError:
        raise AssetError(f"{package} is incomplete: {name} is missing") from None


def _inline_css_images(css: str, folder: Path) -> str:
    """Replace ``url(images/x.png)`` with data: URIs so the stylesheet fetches nothing."""

    def data_uri(match: re.Match) -> str:
        path = folder / match.group(2)
        mime = _MIME.get(path.suffix.lower())
        if mime is None or not path.is_file():
            return match.group(0)
        encoded = base64.b64encode(path.read_bytes()).decode("ascii")
        return f'url("data:{mime};base64,{encoded}")'

    return _CSS_URL.sub(data_uri, css)


@functools.cache
def vendor_inline() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(scripts, styles) of every library, as source text ready to inline."""
    scripts: list[str] = []
    styles: list[str] = []
    for library in LIBRARIES:
        folder, _ = library_dir(library)
        for name in library.scripts:
            source = _SOURCE_MAP.sub("", _read(folder, name, library.package))
            scripts.append(inline_script_text(source))
        for name in library.styles:
            css = _inline_css_images(_read(folder, name, library.package), folder)
            styles.append(inline_script_text(css))
    return tuple(scripts), tuple(styles)


def vendor_links() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(script URLs, stylesheet URLs) on the CDN, at the installed versions."""
    scripts: list[str] = []
    styles: list[str] = []
    for library in LIBRARIES:
        try:
            _, version = library_dir(library)
        except AssetError:
            version = {"leaflet": "1.9.4", "markercluster": "1.5.3"}[library.name]
        base = library.cdn_base.format(version=version)
        scripts.extend(base + name for name in library.scripts)
        styles.extend(base + name for name in library.styles)
    return tuple(scripts), tuple(styles)


@functools.cache
def own_asset(name: str) -> str:
    """Text of one of our own files in ``maps/assets/``."""
    folder = importlib.resources.files("incimap.maps")
    return folder.joinpath("assets", name).read_text(encoding="utf-8")


def own_inline() -> tuple[str, str]:
    """(script, stylesheet) of our own code, concatenated in load order."""
    script = "\n".join(own_asset(name) for name in OWN_SCRIPTS)
    style = "\n".join(own_asset(name) for name in OWN_STYLES)
    return inline_script_text(script), inline_script_text(style)


def header_html(cdn: bool = False) -> str:
    """The ``<head>`` markup loading every library, then our code."""
    parts: list[str] = []
    if cdn:
        scripts, styles = vendor_links()
        parts += [f'<link rel="stylesheet" href="{url}"/>' for url in styles]
        parts += [f'<script src="{url}"></script>' for url in scripts]
    else:
        scripts, styles = vendor_inline()
        parts += [f"<style>{css}</style>" for css in styles]
        parts += [f"<script>{js}</script>" for js in scripts]
    own_script, own_style = own_inline()
    parts.append(f"<style>{own_style}</style>")
    parts.append(f"<script>{own_script}</script>")
    return "\n".join(parts)
