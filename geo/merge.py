"""Merging existing outputs (datasets, incident files) into events, written atomically."""

from __future__ import annotations

import time
from pathlib import Path

from incimap.geo.exceptions import InputError


def merge_datasets(inputs: list[str], output: Path) -> dict:
    """Read every input's incidents, merge them into events, write ``output``'s
    incidents.parquet (with event_id), events.parquet and summary.json."""
    from incimap.geo.batch import _write_json, _write_parquet
    from incimap.geo.dataset import events_frame, incident_rows, load_incidents
    from incimap.geo.events import merge_events

    started = time.perf_counter()
    if output.exists() and not output.is_dir():
        raise InputError("output must be a folder", path=str(output), field="--output")
    if not output.parent.is_dir():
        raise InputError("output's parent folder does not exist", path=str(output.parent))
    incidents, sources = load_incidents(inputs)
    # A record's report is its article (its source); records of one never merge.
    events, linked = merge_events(incidents, sources)
    output.mkdir(exist_ok=True)
    meta = {i: {"url": s.url, "publisher": s.publisher, "published": s.published,
                "article_id": ""} for i, s in sources.items()}
    for inc in linked:
        meta.setdefault(inc.id, {})["article_id"] = inc.article_id or inc.source
    _write_parquet(output / "incidents.parquet", incident_rows(linked, meta))
    _write_parquet(output / "events.parquet", events_frame(events))
    summary = {"inputs": [str(p) for p in inputs], "incidents": len(linked),
               "events": len(events), "seconds": round(time.perf_counter() - started, 3)}
    _write_json(output / "summary.json", summary)
    return summary


__all__ = ["merge_datasets"]
