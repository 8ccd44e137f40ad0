"""Reading an article into an ``Extraction``: the reader's stages (``geo.reader.pipeline``)
over a text or a file.

``extract`` takes text; ``extract_file`` reads a file (or ``-``) and, for a file
with a metadata YAML beside it (``article.yaml`` next to ``article.txt``), takes the
publication date, country and source (publisher or URL, source scale) from there.

An incident's ``source`` is what ACLED's column says, who published the report: the
publisher or URL of the metadata, else the file's base name, never a local path (exports
and maps are shared; the analyst's folders are not).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path

from incimap.geo.exceptions import InputError
from incimap.geo.models import Incident, Mention


@dataclass(frozen=True)
class Extraction:
    """What one article yields."""

    source: str
    published: dt.date | None
    country: str
    mentions: tuple[Mention, ...]
    incidents: tuple[Incident, ...]
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"source": self.source,
                "published": self.published.isoformat() if self.published else None,
                "country": self.country, "warnings": list(self.warnings),
                "mentions": [m.to_dict() for m in self.mentions],
                "incidents": [i.to_dict() for i in self.incidents]}

    def to_geojson(self) -> dict:
        """The incidents as ``incimap export -f geojson`` writes them (one layout)."""
        from incimap.geo.export import incidents_geojson

        return incidents_geojson(self.incidents)


_LOCAL_PATH = re.compile(r"^(?:/|~|\\.{1,2}[/\\]|file:|[A-Za-z]:[/\\]|\\\\)")


def public_source(value: str) -> str:
    """``value`` if it can be shared; a local path becomes its base name."""
    value = str(value or "").strip()
    if _LOCAL_PATH.match(value):
        return re.split(r"[/\\]", value.rstrip("/\\"))[-1]
    return value


def citation(publisher: str = "", url: str = "", name: str = "") -> str:
    """An incident's ``source``: the publisher, else the URL, else the base name of
    ``name`` (a file or article id); never a local path."""
    for value in (publisher, url):
        value = str(value or "").strip()
        if value and not _LOCAL_PATH.match(value):
            return value
    name = str(name or "").strip()
    return "" if name == "-" else re.split(r"[/\\]", name.rstrip("/\\"))[-1]


def report_source(meta: dict, name: str) -> str:
    """The ``source`` of a report's incidents, from its metadata (publisher, URL) or name."""
    return citation(meta.get("publisher") or meta.get("source"), meta.get("url"), name)


def with_report(incidents, meta: dict, name: str, published: dt.date | None = None) -> list:
    """``incidents`` with the report's facts from its metadata: source, source scale,
    publication date and the report's id (``name``'s base name unless the metadata has one)."""
    source = report_source(meta, name)
    article_id = str(meta.get("id") or citation(name=name) or "stdin")
    return [replace(i, source=source, source_scale=str(meta.get("source_scale") or ""),
                    published=published.isoformat() if published else i.published,
                    article_id=article_id) for i in incidents]


def extract(text: str, *, published: dt.date | None = None, country: str = "",
            source: str = "", gazetteer=None, fallback=None, recognizer: str | None = None
            ) -> Extraction:
    """Places, their roles and the incidents an article reports (``reader.pipeline``).

    ``fallback`` (an online provider, ``geo.providers``; never by default) is asked for
    the names the gazetteer lacks; what it cannot answer stays unresolved. ``recognizer``
    is ``gazetteer`` or ``classifier`` (``reader.pipeline.RECOGNIZERS``; None: the default)."""
    from incimap.geo.reader.pipeline import read

    doc = read(text, published=published, country=country, source=source,
               gazetteer=gazetteer, fallback=fallback, recognizer=recognizer)
    return Extraction(source, published, doc.focus, tuple(doc.mentions), tuple(doc.incidents),
                      tuple(doc.warnings))


def parse_date(text: str, option: str = "--published") -> dt.date:
    try:
        return dt.date.fromisoformat(str(text).strip())
    except ValueError:
        raise InputError(f"expected a date as YYYY-MM-DD, got {text!r}", field=option) from None


def article_metadata(path: Path) -> dict:
    """Metadata from ``<article>.yaml`` beside the article, if there is one."""
    meta_path = path.with_suffix(".yaml")
    if not meta_path.exists():
        return {}
    import yaml

    from incimap.geo.fileio import read_text

    try:
        meta = yaml.safe_load(read_text(meta_path, what="metadata")) or {}
    except yaml.YAMLError as e:
        line = getattr(getattr(e, "problem_mark", None), "line", None)
        raise InputError("metadata is not valid YAML", path=str(meta_path),
                         line=line + 1 if line is not None else None) from None
    if not isinstance(meta, dict):
        raise InputError("metadata must be a mapping", path=str(meta_path))
    return meta


def extract_file(path: str | Path, *, published: dt.date | None = None, country: str = "",
                 gazetteer=None, fallback=None, recognizer: str | None = None) -> Extraction:
    """``extract`` over a file (``-`` is stdin), with metadata from a YAML beside it."""
    from incimap.geo.fileio import read_text

    text = read_text(path, what="article")
    if not text.strip():
        raise InputError("the article is empty", path=str(path))
    meta: dict = {}
    if str(path) != "-":
        meta = article_metadata(Path(path))
        if published is None and meta.get("published"):
            value = meta["published"]
            if isinstance(value, dt.datetime):
                value = value.date()
            try:
                published = value if isinstance(value, dt.date) else parse_date(value)
            except InputError:  # name the metadata file and its key, not the option
                raise InputError(f"expected a date as YYYY-MM-DD, got {value!r}",
                                 path=str(Path(path).with_suffix(".yaml")),
                                 field="published") from None
        country = country or str(meta.get("country") or "")
    # The path names the incidents (ids) and errors; what is shared is the citation.
    result = extract(text, published=published, country=country, source=str(path),
                     gazetteer=gazetteer, fallback=fallback, recognizer=recognizer)
    incidents = with_report(result.incidents, meta, str(path), published)
    return replace(result, source=report_source(meta, str(path)), incidents=tuple(incidents))


def incidents_and_mentions(article: str | Path | None = None, *, published: dt.date | None = None,
                           country: str = "", curated: str | Path | None = None
                           ) -> tuple[list[Incident], list[Mention]]:
    """The incidents and mentions to export or analyse: a curated YAML file's when one is
    given, else an article's extraction (default: the seed article)."""
    if curated is not None:
        from incimap.geo.curated import load_curated

        incidents = load_curated(curated)
        return incidents, [m for i in incidents for m in i.mentions]
    from incimap.seeds import SEED_ARTICLE

    result = extract_file(article if article is not None else SEED_ARTICLE,
                          published=published, country=country)
    return list(result.incidents), list(result.mentions)
