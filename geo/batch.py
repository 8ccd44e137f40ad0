"""Many articles in, one deduplicated incident dataset out, on Dask.

    inputs -> plan (fixed-size partitions, ids from the inputs) -> one Dask task per
    partition (reads its own texts, extracts, writes its parquet files) -> consolidation
    (events merged, incidents linked to them, summary)

Resumable by construction: a partition's id is a hash of what it reads (paths, byte or row
ranges, file sizes and times, the options), its outputs are written to a temporary folder
renamed into ``parts/<id>`` as the last step, so a folder there means "done". A rerun
skips done partitions; an interrupted one (Ctrl-C, kill -9, a crash) leaves only temporary
folders, which the rerun ignores and cleans. The client holds descriptors, never texts,
and keeps a bounded number of tasks in flight.

``run_batch`` is the entry point for notebooks; ``incimap batch`` is a thin layer over it.
"""

from __future__ import annotations

import csv
import datetime as dt
import glob
import hashlib
import io
import json
import os
import shutil
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from incimap.geo.exceptions import InputError

PLAN_VERSION = 1
DEFAULT_PARTITION_SIZE = 50
DEFAULT_MAX_BYTES = 2_000_000  # an article larger than this is not a news report
KINDS = {".txt": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}


@dataclass(frozen=True)
class Partition:
    """A task's work: ``items`` are ("txt", path) or ("jsonl"/"csv", path, start, end, first)
    (a byte range of lines, or a range of CSV rows)."""

    id: str
    items: tuple[tuple, ...]
    articles: int


@dataclass
class Options:
    country: str = ""
    text_column: str = "text"
    max_bytes: int = DEFAULT_MAX_BYTES

    def key(self) -> str:
        return json.dumps([PLAN_VERSION, self.country.upper(), self.text_column,
                           self.max_bytes])


@dataclass
class Summary:
    articles: int = 0
    read: int = 0
    failed: int = 0
    incidents: int = 0
    events: int = 0
    partitions: int = 0
    partitions_skipped: int = 0
    partitions_failed: int = 0
    seconds: float = 0.0
    workers: int = 0
    scheduler: str = ""
    extra: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        d = {k: v for k, v in vars(self).items() if k != "extra"}
        d["seconds"] = round(self.seconds, 3)
        d.update(self.extra)
        return d


# --------------------------------------------------------------------------- the plan


def expand_inputs(inputs: list[str]) -> list[Path]:
    """Input files in a fixed order: folders give their .txt articles (sorted, recursively;
    a CSV or YAML beside them is not an article), globs their matches (sorted), files
    themselves. Duplicates dropped."""
    files: list[Path] = []
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*.txt") if f.is_file()
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
        elif p.exists():
            found = [p]
        elif glob.has_magic(raw):
            found = sorted(Path(f) for f in glob.glob(raw, recursive=True)
                           if Path(f).is_file() and Path(f).suffix.lower() in KINDS)
        else:
            raise InputError("input not found", path=raw)
        if not found:
            raise InputError("no .txt articles here" if p.is_dir()
                             else "no .txt, .jsonl or .csv files match", path=raw)
        for f in found:
            if f.suffix.lower() not in KINDS:
                raise InputError("unknown input type; give .txt, .jsonl or .csv", path=str(f))
        files += found
    seen: set[Path] = set()
    out = []
    for f in files:
        r = f.resolve()
        if r not in seen:
            seen.add(r)
            out.append(r)
    return out


def _line_ranges(path: Path, size: int) -> Iterator[tuple[int, int, int, int]]:
    """(start byte, end byte, first line number, lines) of each run of ``size`` lines."""
    with path.open("rb") as f:
        start, first, count, pos = 0, 1, 0, 0
        for line_no, line in enumerate(f, 1):
            pos += len(line)
            if line.strip():
                count += 1
            if count >= size:
                yield start, pos, first, count
                start, first, count = pos, line_no + 1, 0
        if count:
            yield start, pos, first, count


def _csv_ranges(path: Path, size: int, text_column: str) -> Iterator[tuple[int, int, int, int]]:
    """(first row, end row, first row number, rows) of each run of ``size`` CSV rows."""
    with path.open("r", encoding="utf-8-sig", newline="", errors="replace") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None:
            raise InputError("CSV file is empty", path=str(path))
        if text_column not in header:
            raise InputError(f"no column {text_column!r} (have {', '.join(header)})",
                             path=str(path), field="--text-column")
        rows = sum(1 for _ in reader)
    for start in range(0, rows, size):
        end = min(rows, start + size)
        yield start, end, start + 2, end - start


def plan(inputs: list[str], partition_size: int = DEFAULT_PARTITION_SIZE,
         options: Options | None = None) -> list[Partition]:
    """The partitions of ``inputs``: the same inputs always give the same ids."""
    options = options or Options()
    if partition_size < 1:
        raise InputError("must be at least 1", field="--partition-size")
    parts: list[Partition] = []

    def add(items: list[tuple], articles: int, stamp: list) -> None:
        digest = hashlib.sha1(json.dumps([options.key(), stamp]).encode()).hexdigest()[:16]
        parts.append(Partition(f"p{len(parts):06d}-{digest}", tuple(items), articles))

    texts: list[tuple] = []
    stamps: list = []

    def flush() -> None:
        if texts:
            add(list(texts), len(texts), list(stamps))
            texts.clear()
            stamps.clear()

    for path in expand_inputs(inputs):
        kind = KINDS[path.suffix.lower()]
        st = path.stat()
        stamp = [str(path), st.st_size, st.st_mtime_ns]
        if kind == "txt":
            meta = path.with_suffix(".yaml")
            if meta.exists():
                stamp.append(meta.stat().st_mtime_ns)
            texts.append(("txt", str(path)))
            stamps.append(stamp)
            if len(texts) >= partition_size:
                flush()
            continue
        flush()
        ranges = (_line_ranges(path, partition_size) if kind == "jsonl"
                  else _csv_ranges(path, partition_size, options.text_column))
        for start, end, first, count in ranges:
            add([(kind, str(path), start, end, first)], count, [stamp, start, end])
    flush()
    return parts


# --------------------------------------------------------------------------- reading


@dataclass
class Article:
    id: str
    text: str
    published: dt.date | None = None
    country: str = ""
    url: str = ""
    publisher: str = ""
    where: str = ""  # file and line, for error reports


class Bad(Exception):
    """One article that cannot be read; recorded, never fatal."""

    def __init__(self, article_id: str, where: str, reason: str):
        super().__init__(reason)
        self.article_id, self.where, self.reason = article_id, where, reason


def _decode(data: bytes, what: str) -> str:
    if b"\x00" in data:
        raise ValueError(f"{what} is binary (NUL byte)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ValueError(f"{what} is not UTF-8 (byte {e.start})") from None


def _date(value, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise ValueError(f"published is not a date YYYY-MM-DD: {str(value)[:40]!r}") from None


def _from_record(record, article_id: str, where: str, text_key: str) -> Article:
    if not isinstance(record, dict):
        raise ValueError("a record must be a JSON object")
    text = record.get(text_key)
    if not isinstance(text, str):
        raise ValueError(f"no text in field {text_key!r}")
    return Article(id=article_id, text=text, published=_date(record.get("published"), where),
                   country=str(record.get("country") or ""), url=str(record.get("url") or ""),
                   publisher=str(record.get("source") or record.get("publisher") or ""),
                   where=where)


def read_items(items: tuple[tuple, ...], options: Options) -> Iterator[Article | Bad]:
    """The articles of a partition, each one read here (in the worker), or why it cannot be."""
    for item in items:
        kind, path = item[0], Path(item[1])
        if kind == "txt":
            yield _read_txt(path, options)
        elif kind == "jsonl":
            yield from _read_jsonl(path, item[2], item[3], item[4], options)
        else:
            yield from _read_csv(path, item[2], item[3], item[4], options)


def _read_txt(path: Path, options: Options) -> Article | Bad:
    where = str(path)
    article_id = where
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            raise ValueError(f"article too large ({size} bytes > {options.max_bytes})")
        text = _decode(path.read_bytes(), "article")
        from incimap.geo.extract import article_metadata

        meta = article_metadata(path)
        article_id = str(meta.get("id") or where)
        return Article(id=article_id, text=text, published=_date(meta.get("published"), where),
                       country=str(meta.get("country") or ""),
                       url=str(meta.get("url") or where),
                       publisher=str(meta.get("publisher") or meta.get("source") or ""),
                       where=where)
    except (ValueError, OSError, InputError) as e:
        return Bad(article_id, where, str(e))


def _read_jsonl(path: Path, start: int, end: int, first: int, options: Options
                ) -> Iterator[Article | Bad]:
    with path.open("rb") as f:
        f.seek(start)
        data = f.read(end - start)
    for n, raw in enumerate(data.split(b"\n")):
        if not raw.strip():
            continue
        line = first + n
        where = f"{path}:{line}"
        article_id = where
        try:
            if len(raw) > options.max_bytes:
                raise ValueError(f"record too large ({len(raw)} bytes > {options.max_bytes})")
            try:
                record = json.loads(_decode(raw, "record"))
            except json.JSONDecodeError as e:
                raise ValueError(f"not valid JSON ({e.msg})") from None
            if isinstance(record, dict) and record.get("id") not in (None, ""):
                article_id = str(record["id"])
            yield _from_record(record, article_id, where, options.text_column)
        except ValueError as e:
            yield Bad(article_id, where, str(e))


def _read_csv(path: Path, start: int, end: int, _first: int, options: Options
              ) -> Iterator[Article | Bad]:
    csv.field_size_limit(max(options.max_bytes * 2, 131072))
    with path.open("rb") as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict", newline="")
        reader = csv.DictReader(text)
        row_no = 0
        while row_no < end:
            where = f"{path}:row {row_no + 1}"
            try:
                row = next(reader)
            except StopIteration:
                return
            except (UnicodeDecodeError, csv.Error) as e:
                yield Bad(where, where, f"unreadable CSV row: {e}")
                return
            if row_no >= start:
                article_id = (row.get("id") or "").strip() or where
                try:
                    value = row.get(options.text_column) or ""
                    if len(value.encode("utf-8")) > options.max_bytes:
                        raise ValueError(f"text too large (> {options.max_bytes} bytes)")
                    if "\x00" in value:
                        raise ValueError("text is binary (NUL byte)")
                    yield _from_record({**row, options.text_column: value}, article_id, where,
                                       options.text_column)
                except ValueError as e:
                    yield Bad(article_id, where, str(e))
            row_no += 1


# --------------------------------------------------------------------------- one partition


def process_partition(partition: Partition, output: str, options: Options) -> dict:
    """Extract every article of ``partition`` and write ``parts/<id>/`` (the Dask task).

    Runs in a worker: the gazetteer and matcher are opened once per process (they cache
    in-process) and reused by every task the worker runs.
    """
    from incimap.geo.dataset import incident_rows, mention_rows
    from incimap.geo.extract import citation, extract

    started = time.perf_counter()
    parts = Path(output) / "parts"
    final = parts / partition.id
    if final.is_dir():
        return _stats(final)
    incidents, meta, mentions, mention_ids, errors = [], {}, [], [], []
    read = 0
    for article in read_items(partition.items, options):
        if isinstance(article, Bad):
            errors.append({"id": article.article_id, "where": article.where,
                           "reason": article.reason})
            continue
        try:
            if not article.text.strip():
                raise ValueError("the article is empty")
            if article.country:
                from incimap.geo.geocode import check_country

                try:
                    check_country(article.country)
                except InputError:
                    raise ValueError(f"country {article.country!r} is not a country code "
                                     "or name") from None
            result = extract(article.text, published=article.published,
                             country=article.country or options.country, source=article.id)
        except Exception as e:  # a reader bug must cost one article, not the run
            errors.append({"id": article.id, "where": article.where,
                           "reason": f"{type(e).__name__}: {e}" if not isinstance(
                               e, (ValueError, InputError)) else str(e)})
            continue
        read += 1
        for n, inc in enumerate(result.incidents, 1):
            inc = replace(inc, id=f"{article.id}#{n}", article_id=article.id,
                          source=citation(article.publisher, article.url, article.id),
                          published=article.published.isoformat() if article.published else "")
            incidents.append(inc)
            meta[inc.id] = {"article_id": article.id, "url": article.url or article.id,
                            "publisher": article.publisher,
                            "published": article.published.isoformat()
                            if article.published else ""}
        mentions += result.mentions
        mention_ids += [article.id] * len(result.mentions)
    stats = {"partition": partition.id, "articles": partition.articles, "read": read,
             "failed": len(errors), "incidents": len(incidents),
             "seconds": round(time.perf_counter() - started, 3), "pid": os.getpid(),
             "peak_rss_mb": _peak_rss_mb()}
    parts.mkdir(parents=True, exist_ok=True)
    tmp = parts / f".{partition.id}.{uuid.uuid4().hex}.tmp"
    tmp.mkdir()
    try:
        incident_rows(incidents, meta).to_parquet(tmp / "incidents.parquet", index=False)
        mention_rows(mentions, mention_ids).to_parquet(tmp / "mentions.parquet", index=False)
        with (tmp / "errors.jsonl").open("w", encoding="utf-8") as f:
            for e in errors:
                f.write(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n")
        (tmp / "stats.json").write_text(json.dumps(stats, sort_keys=True), encoding="utf-8")
        try:
            os.rename(tmp, final)  # the commit point: the folder exists only when complete
        except OSError:
            if not final.is_dir():
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return stats


def _stats(folder: Path) -> dict:
    return json.loads((folder / "stats.json").read_text(encoding="utf-8"))


def _peak_rss_mb() -> float:
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return round(peak / 1024 if sys.platform != "darwin" else peak / 2**20, 1)
    except (ImportError, OSError):
        return 0.0


# --------------------------------------------------------------------------- the run


Progress = Callable[[int, int, float], None]


def run_batch(inputs: list[str], output: str | Path, *, partition_size: int =
              DEFAULT_PARTITION_SIZE, workers: int | None = None, scheduler: str | None = None,
              client=None, country: str = "", text_column: str = "text",
              max_bytes: int = DEFAULT_MAX_BYTES, in_flight: int | None = None,
              progress: Progress | None = None) -> dict:
    """Extract every article of ``inputs`` into the dataset folder ``output``; its summary.

    Runs on ``client`` (a ``distributed.Client``) when given, else on the cluster at
    ``scheduler`` ("tcp://host:8786"), else on a local cluster of ``workers`` processes
    (default: the core count) that lives for this call. ``workers=0`` runs in this process
    (no Dask), for debugging.
    """
    from incimap.geo.geocode import check_country

    started = time.perf_counter()
    options = Options(country=check_country(country), text_column=text_column,
                      max_bytes=max_bytes)
    out = Path(output)
    if out.exists() and not out.is_dir():
        raise InputError("output must be a folder", path=str(out), field="--output")
    if not out.parent.is_dir():
        raise InputError("output's parent folder does not exist", path=str(out.parent))
    partitions = plan(inputs, partition_size, options)
    out.mkdir(exist_ok=True)
    _clean_temporaries(out)
    summary = Summary(articles=sum(p.articles for p in partitions), partitions=len(partitions))
    todo = [p for p in partitions if not (out / "parts" / p.id).is_dir()]
    summary.partitions_skipped = len(partitions) - len(todo)
    done_articles = sum(p.articles for p in partitions) - sum(p.articles for p in todo)
    failures: list[dict] = []
    worker_stats: list[dict] = []

    def finished(part: Partition, stats: dict | None, error: str = "") -> None:
        nonlocal done_articles
        done_articles += part.articles
        if stats is not None:
            worker_stats.append(stats)
        else:
            failures.append({"partition": part.id, "reason": error,
                             "items": [list(i) for i in part.items][:3]})
        if progress:
            progress(done_articles, summary.articles, time.perf_counter() - started)

    if progress:
        progress(done_articles, summary.articles, 0.0)
    if todo:
        if workers == 0 and client is None and scheduler is None:
            summary.workers = 1
            for part in todo:
                finished(part, process_partition(part, str(out), options))
        else:
            with _client(client, scheduler, workers) as c:
                summary.workers = len(c.scheduler_info().get("workers", {}))
                summary.scheduler = "" if scheduler is None else scheduler
                _run_on(c, todo, str(out), options, in_flight or max(2, 2 * summary.workers),
                        finished)
    summary.partitions_failed = len(failures)
    consolidate(out, partitions, summary, failures)
    summary.seconds = time.perf_counter() - started
    if worker_stats:
        summary.extra["peak_rss_mb_per_worker"] = max(s["peak_rss_mb"] for s in worker_stats)
        summary.extra["worker_processes"] = len({s["pid"] for s in worker_stats})
    _write_json(out / "summary.json", summary.to_dict())
    return summary.to_dict()


class _client:
    """A distributed.Client over the given client, a scheduler address, or a LocalCluster
    that is closed on exit. Everything local listens on 127.0.0.1. The scheduler's HTTP
    server (health checks) still starts without a dashboard, on 8787 unless told otherwise:
    an ephemeral loopback port keeps it clear of the user's own Dask."""

    def __init__(self, client, scheduler: str | None, workers: int | None):
        self.given, self.scheduler, self.workers = client, scheduler, workers
        self.cluster = self.client = None

    def __enter__(self):
        if self.given is not None:
            return self.given
        from distributed import Client, LocalCluster

        if self.scheduler:
            try:
                self.client = Client(self.scheduler, timeout="20s")
            except (OSError, TimeoutError) as e:
                raise InputError(f"cannot reach the scheduler: {e}",
                                 field="--scheduler") from None
            return self.client
        n = self.workers or os.cpu_count() or 1
        self.cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                    host="127.0.0.1", scheduler_port=0,
                                    dashboard_address="127.0.0.1:0", silence_logs=50)
        self.client = Client(self.cluster)
        return self.client

    def __exit__(self, *exc):
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        return False


def _run_on(client, todo: list[Partition], output: str, options: Options, in_flight: int,
            finished: Callable) -> None:
    """Submit partitions with at most ``in_flight`` running; report each as it ends."""
    from distributed import as_completed

    pending = iter(todo)
    by_key = {}

    def submit() -> bool:
        part = next(pending, None)
        if part is None:
            return False
        future = client.submit(process_partition, part, output, options,
                               key=f"incimap-{part.id}", pure=False, retries=1)
        by_key[future.key] = part
        queue.add(future)
        return True

    queue = as_completed()
    for _ in range(in_flight):
        if not submit():
            break
    for future in queue:
        part = by_key.pop(future.key)
        try:
            finished(part, future.result())
        except Exception as e:  # a worker died or the task failed: rerun retries it
            finished(part, None, f"{type(e).__name__}: {e}")
        future.release()
        submit()


def _clean_temporaries(out: Path) -> None:
    parts = out / "parts"
    if parts.is_dir():
        for tmp in parts.glob(".*.tmp"):
            shutil.rmtree(tmp, ignore_errors=True)


# --------------------------------------------------------------------------- consolidation


def consolidate(out: Path, partitions: list[Partition], summary: Summary,
                failures: list[dict]) -> None:
    """incidents.parquet (linked to events), events.parquet, mentions.parquet, errors.jsonl.

    Reads only the done partitions of this plan, in plan order, so the result is the same
    however the run was interrupted. Every file is written to a temporary name, then renamed.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    from incimap.geo.dataset import events_frame, incidents_from_frame, sources_from_frame
    from incimap.geo.events import merge_events

    done = [out / "parts" / p.id for p in partitions if (out / "parts" / p.id).is_dir()]
    # The merge reads only what it needs (no geometry, notes), as plain arrow tables (no
    # GeoDataFrame per part: building a CRS 1000 times is slow); the incidents file is then
    # written part by part, so the full table is never held.
    skip = {"geometry", "notes", "disorder_type", "evidence"}
    tables = []
    for d in done:
        names = pq.read_schema(d / "incidents.parquet").names
        t = pq.read_table(d / "incidents.parquet", columns=[c for c in names if c not in skip])
        if t.num_rows:
            tables.append(t)
    if tables:
        frame = pa.concat_tables(tables, promote_options="permissive").to_pandas()
        del tables
        incidents = incidents_from_frame(frame)
        sources = sources_from_frame(frame)
        article_of = dict(zip(frame["event_id_cnty"], frame["article_id"], strict=True))
        del frame
    else:
        incidents, sources, article_of = [], {}, {}
    events, linked = merge_events(incidents, sources,
                                  report_of=lambda i: article_of.get(i.id) or i.source)
    del incidents
    event_of = {i.id: i.event_id for i in linked}
    del linked
    n_incidents = _write_linked(out / "incidents.parquet", done, event_of)
    _write_parquet(out / "events.parquet", events_frame(events))

    # Mentions can be many: copy them part by part, never all in memory.
    from incimap.geo.dataset import mention_rows

    _stream_parquet(out / "mentions.parquet",
                    (pq.read_table(d / "mentions.parquet") for d in done),
                    lambda: mention_rows([], []))

    lines = []
    for d in done:
        lines += [line for line in (d / "errors.jsonl").read_text(encoding="utf-8").splitlines()
                  if line]
    lines += [json.dumps(f, ensure_ascii=False, sort_keys=True) for f in failures]
    _write_text(out / "errors.jsonl", "".join(line + "\n" for line in lines))
    stats = [_stats(d) for d in done]
    summary.read = sum(s["read"] for s in stats)
    summary.failed = sum(s["failed"] for s in stats)
    summary.incidents = n_incidents
    summary.events = len(events)


def _write_linked(target: Path, done: list[Path], event_of: dict[str, str]) -> int:
    """The parts' incidents, in plan order, with their event_id, as one GeoParquet file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from incimap.geo.dataset import incident_rows

    def parts():
        for d in done:
            part = pq.read_table(d / "incidents.parquet")
            ids = part.column("event_id_cnty").to_pylist()
            column = pa.array([event_of.get(i, "") for i in ids], pa.string())
            yield part.set_column(part.column_names.index("event_id"), "event_id", column)

    return _stream_parquet(target, parts(), lambda: incident_rows([]))


def _stream_parquet(target: Path, parts, empty) -> int:
    """Tables written one after another into ``target`` atomically; ``empty()`` gives the
    frame to write when every part is empty. Returns the rows written."""
    import pyarrow.parquet as pq

    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    writer = None
    rows = 0
    try:
        for part in parts:
            if not part.num_rows:  # an empty part's columns have no type to cast
                continue
            if writer is None:  # the first part's schema carries the GeoParquet metadata
                writer = pq.ParquetWriter(tmp, part.schema)
            writer.write_table(part.cast(writer.schema))
            rows += part.num_rows
        if writer is None:
            empty().to_parquet(tmp, index=False)
        else:
            writer.close()
            writer = None
        os.replace(tmp, target)
    finally:
        if writer is not None:
            writer.close()
        if tmp.exists():
            tmp.unlink()
    return rows


def _write_parquet(path: Path, frame) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        frame.to_parquet(tmp, index=False)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _write_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _write_json(path: Path, data: dict) -> None:
    _write_text(path, json.dumps(data, indent=1, sort_keys=True) + "\n")
