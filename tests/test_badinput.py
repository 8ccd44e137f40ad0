"""The bad-input corpus: every case in ``badinput/cases.yaml`` run as a user runs it.

Each case is a command line, the files it needs (built here in tmp_path from a short
description, so no large or binary file is committed), how stdin and stdout are connected,
the exit code and a regex for the one line it must print on stderr. Every case must also
leave tmp_path as it found it: no partial output, no temporary file.
"""

from __future__ import annotations

import hashlib
import os
import re
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CASES = yaml.safe_load((ROOT / "tests" / "badinput" / "cases.yaml").read_text(encoding="utf-8"))
TIMEOUT_S = 60  # generous: a hang fails, a slow shared machine does not
MEMORY_BYTES = 3 * 1024**3


@pytest.fixture(scope="module", autouse=True)
def built(isolated_cache):
    # Build the world gazetteer once, outside any case's time limit.
    from incimap.gazetteer.gazetteer import open_gazetteer

    open_gazetteer()


# --------------------------------------------------------------------------- fixtures


def _bytes(spec, tmp: Path) -> bytes:
    """Bytes of a file from its description: text, bytes (latin-1 escapes), repeat."""
    if "text" in spec:
        return _fill(spec["text"], tmp).encode("utf-8")
    if "bytes" in spec:
        return spec["bytes"].encode("latin-1")
    if "repeat" in spec:
        return _bytes(spec["repeat"], tmp) * int(spec["times"])
    raise ValueError(f"no content in {spec}")


def make_file(tmp: Path, name: str, spec: dict) -> None:
    path = tmp / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if spec.get("dir"):
        path.mkdir(exist_ok=True)
    elif "zip" in spec:
        _make_zip(path, spec["zip"], tmp)
    elif "zip_bomb" in spec:
        # Megabytes of one repeated line: deflate squeezes each MB to about 1 kB.
        bomb = spec["zip_bomb"]
        chunk = b"0\t" * (1 << 19)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf, \
                zf.open(bomb["member"], "w", force_zip64=True) as f:
            for _ in range(int(bomb["mb"])):
                f.write(chunk)
    else:
        path.write_bytes(_bytes(spec, tmp))
    if "mode" in spec:
        path.chmod(int(spec["mode"]))


def _make_zip(path: Path, spec: dict, tmp: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for member, content in (spec.get("members") or {}).items():
            zf.writestr(member, _bytes(content, tmp))
    data = bytearray(path.read_bytes())
    central = data.find(b"PK\x01\x02")
    if spec.get("encrypted"):  # general purpose flag bit 0, local and central headers
        data[6] |= 1
        data[central + 8] |= 1
    if "method" in spec:  # compression method field, local and central headers
        data[8:10] = int(spec["method"]).to_bytes(2, "little")
        data[central + 10:central + 12] = int(spec["method"]).to_bytes(2, "little")
    if "truncate" in spec:
        data = data[: int(spec["truncate"])]
    path.write_bytes(bytes(data))


def _fill(value: str, tmp: Path) -> str:
    return value.replace("{tmp}", str(tmp)).replace("{root}", str(ROOT))


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` with a hash of its content (directories as 'dir')."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        if path.is_dir():
            found[rel] = "dir"
        else:
            try:
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                found[rel] = "unreadable"
    return found


# --------------------------------------------------------------------------- running


def run_case(case: dict, tmp: Path) -> subprocess.CompletedProcess:
    stdin_spec, stdout_spec = case.get("stdin"), case.get("stdout")
    close_fds_at_start = []
    stdin = subprocess.DEVNULL
    stdin_bytes = None
    if stdin_spec == "closed":
        close_fds_at_start.append(0)
    elif isinstance(stdin_spec, dict):
        stdin_bytes = _bytes(stdin_spec, tmp)
        stdin = subprocess.PIPE
    stdout, parent_end = subprocess.PIPE, None
    if stdout_spec == "closed":
        close_fds_at_start.append(1)
    elif stdout_spec == "full":
        stdout = open("/dev/full", "wb")  # noqa: SIM115 - closed below
    elif stdout_spec == "broken":
        read_end, stdout = os.pipe()
        os.close(read_end)  # no reader at all: the first write gets EPIPE
        parent_end = stdout

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
        for fd in close_fds_at_start:
            os.close(fd)

    env = dict(os.environ, COLUMNS="200")
    env.update({k: _fill(str(v), tmp) for k, v in (case.get("env") or {}).items()})
    args = [_fill(str(a), tmp) for a in case["args"]]
    proc = subprocess.Popen([sys.executable, "-m", "incimap.geo", *args], stdin=stdin,
                            stdout=stdout, stderr=subprocess.PIPE, cwd=tmp, env=env,
                            preexec_fn=limits)
    if parent_end is not None:
        os.close(parent_end)
    elif stdout_spec == "full":
        stdout.close()
    try:
        out, err = proc.communicate(stdin_bytes, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail(f"{case['id']}: no answer within {TIMEOUT_S} s")
    return subprocess.CompletedProcess(proc.args, proc.returncode, out or b"", err)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_bad_input_gets_one_clear_line(case, tmp_path):
    if case.get("skip_as_root") and os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode")
    for name, spec in (case.get("files") or {}).items():
        make_file(tmp_path, _fill(name, tmp_path), spec)
    before = snapshot(tmp_path)

    done = run_case(case, tmp_path)
    err = done.stderr.decode("utf-8", "replace")
    out = done.stdout.decode("utf-8", "replace")

    assert "Traceback" not in err + out, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == case.get("stderr_lines", 1), err
    if lines:
        assert lines[0].startswith("incimap: ") and not lines[0].startswith(
            "incimap: warning:"), err
        assert re.search(case["stderr"], lines[0]), f"{case['stderr']!r} not in {lines[0]!r}"
    assert done.returncode == case["exit"], err
    after = snapshot(tmp_path)
    assert after == before, "files changed or left behind: " + ", ".join(
        sorted(set(after.items()) ^ set(before.items())))


def test_corpus_is_large_and_covers_every_command():
    assert len(CASES) >= 60
    assert len({c["id"] for c in CASES}) == len(CASES)
    commands = {" ".join(c["args"][:2]) if c["args"][0] in ("route", "gazetteer")
                else c["args"][0] for c in CASES}
    assert commands >= {"geocode", "gazetteer import", "gazetteer info", "extract", "route show",
                        "route locate", "route stats", "export", "map"}


def test_a_reader_that_stops_after_ten_bytes_gets_no_traceback(tmp_path):
    """`incimap extract | head -c 10`: whether the output fitted the pipe or not, quiet."""
    proc = subprocess.Popen([sys.executable, "-m", "incimap.geo", "extract"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path,
                            env=dict(os.environ))
    assert len(proc.stdout.read(10)) == 10
    proc.stdout.close()
    err = proc.communicate(timeout=TIMEOUT_S)[1].decode("utf-8", "replace")
    assert proc.returncode in (0, 141), err
    assert err == ""
