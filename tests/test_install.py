"""A wheel installed into a fresh virtual environment finds its data from any folder."""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory, isolated_cache):
    tmp = tmp_path_factory.mktemp("wheel")
    # setuptools builds in ./build and reuses what it finds there: start clean, so a
    # module deleted from the source cannot ride along in the wheel.
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp / "dist"), str(ROOT)], check=True, timeout=300)
    (wheel,) = (tmp / "dist").glob("incident_mapper-*.whl")
    shutil.copy(wheel, tmp / "incimap.whl")
    env_dir = tmp / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print("
                              "sysconfig.get_paths()['purelib'])"], capture_output=True,
                             text=True, check=True).stdout.strip()
    # Dependencies come from this interpreter's site-packages as a plain path entry, so
    # its .pth files (an editable install of this checkout among them) are not run.
    Path(purelib, "_deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install",
                    "--no-deps", "-q", str(wheel)], check=True, timeout=300)
    return env_dir


def _clean_env() -> dict:
    """This environment without PYTHONPATH, so only the wheel can provide incimap."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


def test_wheel_installs_package_data_and_runs_from_another_folder(installed, tmp_path):
    python = installed / "bin" / "python"
    where = subprocess.run(
        [str(python), "-c", "import incimap.geo as geo, incimap.seeds as seeds, "
         "incimap.gazetteer.sources as s; "
         "print(geo.__file__); print(seeds.SEED_ARTICLE.exists(), seeds.PLACES_OVERLAY.exists(),"
         " seeds.DEFAULT_ROUTE.exists(), s.ADMIN1_FILE.exists())"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
        env=_clean_env()).stdout.splitlines()
    assert where[0].startswith(str(installed)), where[0]
    assert where[1] == "True True True True"
    out = subprocess.run([str(installed / "bin" / "incimap"), "geocode", "Mushkaf Tunnel",
                          "--json"], cwd=tmp_path, capture_output=True, text=True, timeout=300,
                         env=_clean_env())
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)[0]["feature_type"] == "tunnel"


def test_the_wheel_installs_one_namespace_and_nothing_generic(installed):
    import zipfile

    (wheel,) = installed.parent.glob("incimap.whl")
    names = zipfile.ZipFile(wheel).namelist()
    tops = sorted({name.split("/")[0] for name in names})
    assert tops == ["incident_mapper-0.1.0.dist-info", "incimap"], tops
    # The four folders, each with its data, and nothing from tests/ or bench/.
    for folder in ("geo", "gazetteer", "maps", "seeds"):
        assert f"incimap/{folder}/__init__.py" in names
    assert "incimap/seeds/routes/jaffar_express.csv" in names
    assert "incimap/maps/assets/core.js" in names
    assert "incimap/gazetteer/data/country_points.tsv" in names
    assert not any("/tests/" in name or "/bench/" in name for name in names)
    purelib = next((installed / "lib").glob("python3*/site-packages"))
    ours = sorted(p.name for p in purelib.iterdir() if p.name.startswith(("incimap", "incident")))
    assert ours == ["incident_mapper-0.1.0.dist-info", "incimap"], ours
    assert not any((purelib / generic).exists() for generic in ("geo", "maps", "seeds",
                                                                  "gazetteer"))
