"""`incimap batch` on Dask: inputs, bad articles, resumability (kill -9), a given scheduler.

Every cluster here is started by the test on 127.0.0.1 (HTTP server on an ephemeral port).
"""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import yaml

from incimap.geo.batch import plan, run_batch
from incimap.geo.exceptions import InputError

ROOT = Path(__file__).resolve().parents[1]
MERGE_SET = ROOT / "tests" / "merge" / "reports.yaml"


def reports() -> list[dict]:
    return yaml.safe_load(MERGE_SET.read_text(encoding="utf-8"))["reports"]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps({"id": r["id"], "text": r["text"], "published": str(r["published"]),
                                "url": r["url"], "source": r["publisher"],
                                "country": r["country"]}) + "\n")
    return path


@pytest.fixture(scope="module")
def client(isolated_cache):
    import distributed
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", scheduler_port=0,
                                       dashboard_address="127.0.0.1:0", silence_logs=50)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def frame(folder: Path, name: str) -> pd.DataFrame:
    """A dataset file's contents, geometry as WKB, rows sorted: comparable across runs."""
    f = gpd.read_parquet(folder / name)  # each one a GeoParquet file
    table = pd.DataFrame(f)
    if "geometry" in table:
        table["geometry"] = [g.wkb_hex if g is not None else "" for g in f.geometry]
    table = table.astype(str)
    return table.sort_values(list(table.columns)).reset_index(drop=True)


def same_dataset(a: Path, b: Path) -> None:
    for name in ("incidents.parquet", "events.parquet", "mentions.parquet"):
        pd.testing.assert_frame_equal(frame(a, name), frame(b, name))
    errors = [sorted((x / "errors.jsonl").read_text(encoding="utf-8").splitlines())
              for x in (a, b)]
    assert errors[0] == errors[1]
    timing = {"seconds", "partitions_skipped", "peak_rss_mb_per_worker", "worker_processes",
              "workers"}
    sa, sb = (json.loads((x / "summary.json").read_text()) for x in (a, b))
    assert {k: v for k, v in sa.items() if k not in timing} == \
        {k: v for k, v in sb.items() if k not in timing}


# --------------------------------------------------------------------------- inputs


def test_folder_of_articles_with_metadata_and_bad_ones(tmp_path, client):
    src = tmp_path / "articles"
    src.mkdir()
    for r in reports()[:5]:
        (src / f"{r['id']}.txt").write_text(r["text"], encoding="utf-8")
        (src / f"{r['id']}.yaml").write_text(yaml.safe_dump(
            {"published": str(r["published"]), "country": r["country"], "url": r["url"],
             "publisher": r["publisher"]}), encoding="utf-8")
    (src / "binary.txt").write_bytes(b"\x89PNG\x00\x00garbage")
    (src / "empty.txt").write_text("  \n", encoding="utf-8")
    (src / "big.txt").write_text("killed " * 400_000, encoding="utf-8")
    (src / "badmeta.txt").write_text("Gunmen attacked Quetta.", encoding="utf-8")
    (src / "badmeta.yaml").write_text("published: [unclosed", encoding="utf-8")
    out = tmp_path / "out"
    summary = run_batch([str(src)], out, partition_size=3, client=client)
    assert summary["articles"] == 9 and summary["read"] == 5 and summary["failed"] == 4
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    reasons = {Path(e["id"]).name: e["reason"] for e in errors}
    assert "binary" in reasons["binary.txt"]
    assert "empty" in reasons["empty.txt"]
    assert "too large" in reasons["big.txt"]
    assert "YAML" in reasons["badmeta.txt"]
    incidents = gpd.read_parquet(out / "incidents.parquet")
    assert set(incidents["publisher"]) >= {"Frontier Daily", "Wire Asia"}
    assert set(incidents["published"]) >= {"2024-05-15", "2024-05-14"}
    # The three Peshawar market reports are one event; the one a week later is another.
    by_article = dict(zip(incidents["article_id"].map(lambda p: Path(p).stem),
                          incidents["event_id"], strict=True))
    assert by_article["pesh-1"] == by_article["pesh-2"] == by_article["pesh-3"]
    assert by_article["pesh-b-1"] != by_article["pesh-1"]
    assert summary["worker_processes"] == 2  # the work was spread over both workers


def test_jsonl_and_csv_give_the_same_dataset(tmp_path, client):
    records = reports()[:12]
    jsonl = write_jsonl(tmp_path / "in.jsonl", records)
    with (tmp_path / "in.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, ["id", "body", "published", "url", "source", "country"])
        w.writeheader()
        for r in records:
            w.writerow({"id": r["id"], "body": r["text"], "published": r["published"],
                        "url": r["url"], "source": r["publisher"], "country": r["country"]})
    a = run_batch([str(jsonl)], tmp_path / "a", partition_size=5, client=client)
    b = run_batch([str(tmp_path / "in.csv")], tmp_path / "b", partition_size=5, client=client,
                  text_column="body")
    assert a["read"] == b["read"] == 12 and a["events"] == b["events"] > 0
    ia, ib = (gpd.read_parquet(tmp_path / x / "incidents.parquet") for x in "ab")
    cols = ["event_id_cnty", "event_id", "event_date", "location", "fatalities", "url"]
    pd.testing.assert_frame_equal(ia[cols], ib[cols])


def test_bad_jsonl_records_are_recorded_not_fatal(tmp_path, client):
    path = write_jsonl(tmp_path / "in.jsonl", reports()[:2])
    with path.open("a", encoding="utf-8") as f:
        f.write("{not json\n")
        f.write(json.dumps({"id": "no-text", "body": "x"}) + "\n")
        f.write(json.dumps({"id": "bad-date", "text": "Gunmen attacked Quetta.",
                            "published": "yesterday"}) + "\n")
        f.write(json.dumps({"id": "bad-country", "text": "Gunmen attacked Quetta.",
                            "country": "Narnia"}) + "\n")
    summary = run_batch([str(path)], tmp_path / "out", partition_size=2, client=client)
    assert (summary["read"], summary["failed"]) == (2, 4)
    errors = {json.loads(x)["id"]: json.loads(x)["reason"]
              for x in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()}
    assert "not valid JSON" in errors[f"{path}:3"]
    assert "no text" in errors["no-text"]
    assert "not a date" in errors["bad-date"]
    assert "country 'Narnia' is not a country code or name" in errors["bad-country"]


def test_a_glob_and_its_folder_plan_the_same_partitions(tmp_path):
    for k in range(5):
        (tmp_path / f"a{k}.txt").write_text(f"Report {k}.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    by_folder = plan([str(tmp_path)], 2)
    by_glob = plan([str(tmp_path / "*.txt")], 2)
    assert [p.id for p in by_folder] == [p.id for p in by_glob]
    assert [len(p.items) for p in by_folder] == [2, 2, 1]
    assert [Path(i[1]).name for p in by_folder for i in p.items] == [
        f"a{k}.txt" for k in range(5)]


def test_plan_ids_are_stable_and_follow_the_inputs(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", reports()[:7])
    first = plan([str(path)], 3)
    assert [p.articles for p in first] == [3, 3, 1]
    assert [p.id for p in plan([str(path)], 3)] == [p.id for p in first]
    with path.open("a", encoding="utf-8") as f:
        f.write(json.dumps({"id": "new", "text": "More."}) + "\n")
    changed = plan([str(path)], 3)
    assert changed[0].id != first[0].id  # the file changed: nothing stale is reused


def test_running_twice_changes_nothing(tmp_path, client):
    path = write_jsonl(tmp_path / "in.jsonl", reports()[:8])
    first = run_batch([str(path)], tmp_path / "out", partition_size=3, client=client)
    snapshot = tmp_path / "snapshot"
    snapshot.mkdir()
    for name in ("incidents.parquet", "events.parquet", "mentions.parquet", "errors.jsonl",
                 "summary.json"):
        (snapshot / name).write_bytes((tmp_path / "out" / name).read_bytes())
    again = run_batch([str(path)], tmp_path / "out", partition_size=3, client=client)
    assert again["partitions_skipped"] == again["partitions"] == first["partitions"] == 3
    same_dataset(snapshot, tmp_path / "out")


# --------------------------------------------------------------------------- the CLI


def cli(args: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "incimap.geo", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=600, **kw)


def test_kill_9_then_rerun_gives_the_uninterrupted_dataset(tmp_path, client):
    records = []
    for k in range(40):  # 40 small articles: the set's reports, ids made unique
        r = dict(reports()[k % len(reports())])
        r["id"] = f"{r['id']}-{k}"
        records.append(r)
    path = write_jsonl(tmp_path / "in.jsonl", records)
    reference = tmp_path / "reference"
    run_batch([str(path)], reference, partition_size=2, client=client)

    out = tmp_path / "out"
    args = [sys.executable, "-m", "incimap.geo", "batch", str(path), "-o", str(out),
            "--workers", "2", "--partition-size", "2"]
    # Its own session, so kill -9 reaches the client and the workers it started.
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    parts = out / "parts"
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if parts.is_dir() and any(not p.name.startswith(".") for p in parts.iterdir()):
                break
            time.sleep(0.02)
        assert proc.poll() is None, "the batch ended before it could be interrupted"
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    done = [p for p in parts.iterdir() if not p.name.startswith(".")]
    assert 1 <= len(done) < 20 and not (out / "summary.json").exists()

    rerun = cli(["batch", str(path), "-o", str(out), "--workers", "2", "--partition-size", "2"])
    assert rerun.returncode == 0, rerun.stderr
    assert "\r" not in rerun.stderr  # no progress bar when stderr is not a terminal
    summary = json.loads((out / "summary.json").read_text())
    assert summary["partitions_skipped"] >= len(done)
    assert not list(parts.glob(".*.tmp"))
    same_dataset(reference, out)


def test_batch_on_a_scheduler_the_test_started(tmp_path, isolated_cache):
    import distributed
    path = write_jsonl(tmp_path / "in.jsonl", reports()[:4])
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", scheduler_port=0,
                                  dashboard_address="127.0.0.1:0",
                                  silence_logs=50) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://127.0.0.1:")
        done = cli(["batch", str(path), "-o", str(tmp_path / "out"), "--scheduler", address,
                    "--quiet"])
    assert done.returncode == 0, done.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["scheduler"] == address and summary["workers"] == 1
    assert summary["read"] == 4


@pytest.mark.parametrize(("args", "message"), [
    (["batch", "no-such-folder", "-o", "OUT"], "no-such-folder: input not found"),
    (["batch", "README.md", "-o", "OUT"], "unknown input type"),
    (["batch", "tests/merge/reports.yaml", "-o", "OUT"], "unknown input type"),
    (["batch", "CSV", "-o", "OUT", "--text-column", "body"], "no column 'body'"),
    (["batch", "CSV", "-o", "OUT", "--partition-size", "0"], "--partition-size"),
    (["batch", "CSV", "-o", "no/such/parent/out"], "parent folder does not exist"),
    (["batch", "CSV", "-o", "OUT", "--scheduler", "tcp://127.0.0.1:9"],
     "cannot reach the scheduler"),
])
def test_bad_batch_input_is_one_line(tmp_path, args, message):
    table = tmp_path / "in.csv"
    table.write_text("id,text\n1,Gunmen attacked Quetta.\n", encoding="utf-8")
    args = [str(table) if a == "CSV" else str(tmp_path / "out") if a == "OUT" else a
            for a in args]
    done = cli(args)
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("incimap: ") and message in lines[0], \
        done.stderr


def test_library_rejects_a_file_as_output(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputError, match="must be a folder"):
        run_batch([str(MERGE_SET)], tmp_path / "file")


# --------------------------------------------------------------------------- datasets


def test_merge_map_and_export_take_a_dataset(tmp_path, client):
    path = write_jsonl(tmp_path / "in.jsonl", reports()[:8])
    run_batch([str(path)], tmp_path / "ds", partition_size=4, client=client)
    events = gpd.read_parquet(tmp_path / "ds" / "events.parquet")

    merged = cli(["merge", str(tmp_path / "ds"), "-o", str(tmp_path / "merged")])
    assert merged.returncode == 0, merged.stderr
    again = gpd.read_parquet(tmp_path / "merged" / "events.parquet")
    assert sorted(again["event_id"]) == sorted(events["event_id"])

    shown = cli(["map", str(tmp_path / "ds"), "-o", str(tmp_path / "map.html"), "--no-route"])
    assert shown.returncode == 0, shown.stderr
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="incimap-data-[^"]+">(.*?)</script>',
                      page, re.DOTALL)
    data = json.loads(found.group(1))
    # One marker per located event; an event with no place is listed, not drawn.
    located = int(events.geometry.notna().sum())
    assert len(data["incidents"]["features"]) == located
    assert len(data["unmapped"]) == len(events) - located

    exported = cli(["export", str(tmp_path / "ds" / "incidents.parquet"), "-f", "csv",
                    "-o", str(tmp_path / "x.csv"), "--no-route"])
    assert exported.returncode == 0, exported.stderr
    table = pd.read_csv(tmp_path / "x.csv")
    assert len(table) == len(gpd.read_parquet(tmp_path / "ds" / "incidents.parquet"))
    from_csv = cli(["map", str(tmp_path / "x.csv"), "-o", str(tmp_path / "csv.html"),
                    "--no-route"])
    assert from_csv.returncode == 0, from_csv.stderr


def test_merge_takes_a_curated_file_beside_a_dataset(tmp_path):
    from incimap.geo.extract import extract_file
    from incimap.seeds import CURATED_INCIDENTS, SEED_ARTICLE

    result = extract_file(SEED_ARTICLE)
    from incimap.geo.dataset import incident_rows

    incident_rows(list(result.incidents)).to_parquet(tmp_path / "seed.parquet", index=False)
    done = cli(["merge", str(tmp_path / "seed.parquet"), str(CURATED_INCIDENTS),
                "-o", str(tmp_path / "merged")])
    assert done.returncode == 0, done.stderr
    events = gpd.read_parquet(tmp_path / "merged" / "events.parquet")
    assert len(events) == 6 and events["curated"].all() and events["automatic"].all()
    assert (events["reports"] == 2).all()


def test_help_and_geocode_do_not_import_dask():
    code = ("import sys; from incimap.geo.cli import _register; _register(); "
            "print(sorted(m for m in ('dask', 'distributed') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


def test_merge_output_does_not_depend_on_the_hash_seed():
    code = """
import random
from incimap.geo.events import merge_events
from incimap.geo.models import Incident, Place
rng = random.Random(3)
places = [Place(f"p{k}", rng.uniform(30, 35), rng.uniform(65, 72), "town", "PK") for k in range(9)]
records = [Incident(id=f"r{n}", title="", event_type=rng.choice(["Battles", "Protests"]),
                    sub_event_type="", event_date=f"2024-05-{rng.randint(10, 14)}",
                    time_precision=1, location=rng.choice(places), source=f"a{n}")
           for n in range(300)]
events, _ = merge_events(records)
print([(e.id, e.members) for e in events])
"""
    outs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                              text=True, timeout=120, env=env)
        assert done.returncode == 0, done.stderr
        outs.add(done.stdout)
    assert len(outs) == 1 and "EV-" in outs.pop()


def test_a_reader_error_costs_one_article_not_the_run(tmp_path, monkeypatch, isolated_cache):
    from incimap.geo import extract as geo_extract

    real = geo_extract.extract

    def flaky(text, **kw):
        if "Konduga" in text:
            raise RuntimeError("reader bug")
        return real(text, **kw)

    monkeypatch.setattr(geo_extract, "extract", flaky)
    path = write_jsonl(tmp_path / "in.jsonl", reports()[3:8])  # pesh-b-*, kond-*, bama-1
    summary = run_batch([str(path)], tmp_path / "out", partition_size=10, workers=0)
    errors = [json.loads(x) for x in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    assert {e["id"] for e in errors} == {"kond-1", "kond-2", "kond-3"}
    assert all(e["reason"] == "RuntimeError: reader bug" for e in errors)
    assert (summary["read"], summary["failed"]) == (2, 3)
