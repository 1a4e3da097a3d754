"""The layout's promises: pure cores import without the app, and Faust's private API is touched in
one module only."""

from __future__ import annotations

import ast
import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from workers.runtime import faust_internals

PURE = (
    "workers.parsing.article",
    "workers.nlp.pipeline",
    "workers.near_dup.index",
    "workers.topology",
)


@pytest.mark.parametrize("module", PURE)
def test_a_pure_core_imports_without_building_the_app_or_patching_faust(module: str) -> None:
    probe = (
        f"import sys, {module}\n"
        "from faust.transport.consumer import Consumer\n"
        "assert 'workers.runtime.app' not in sys.modules, 'the app was built'\n"
        "assert Consumer.ack.__module__.startswith('faust'), 'faust was patched'\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


INGESTED = "2026-12-01T00:00:00.000000Z"
NO_FAUST = """
import importlib.abc, sys
class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("faust", "mode"):
            raise ImportError(f"{name} is not available here")
        return None
sys.meta_path.insert(0, Refuse())
"""


def test_the_pure_cores_import_and_run_with_faust_unavailable() -> None:
    from tests.conftest import SEED
    from workers.parsing.article import parse_message
    from workers.settings import Settings

    probe = NO_FAUST + (
        "import sys, json\n"
        "from workers.parsing.article import parse_message\n"
        "from workers.near_dup.index import DedupIndex\n"
        "import workers.nlp.pipeline, workers.topology\n"
        "from workers.settings import Settings\n"
        "assert 'faust' not in sys.modules\n"
        f"a = parse_message(sys.stdin.buffer.read(), 'r:0:0', '{INGESTED}', Settings())\n"
        "index = DedupIndex(Settings(), {})\n"
        "index.admit(a, index.judge(a), 0.0)\n"
        "print(json.dumps(a.asdict(), sort_keys=True))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, input=SEED.read_bytes(), capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode()
    with_faust = parse_message(
        SEED.read_bytes(), "r:0:0", "2026-12-01T00:00:00.000000Z", Settings()
    )
    assert json.loads(done.stdout) == json.loads(json.dumps(with_faust.asdict(), sort_keys=True))


def private_faust_names(path: str) -> list[str]:
    """Private names imported from Faust, and private attributes read on anything but ``self``,
    ``cls``, ``os`` or an object of our own (``_wirestream_*``)."""
    tree = ast.parse((ROOT / path).read_text())
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(("faust", "mode")):
            found += [a.name for a in node.names if a.name.startswith("_")]
        if isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            owner = node.value.id if isinstance(node.value, ast.Name) else ""
            if node.attr.startswith(("__", "_wirestream")) or owner in ("self", "cls", "os"):
                continue
            found.append(node.attr)
    return found


def test_only_faust_internals_touches_private_faust_names() -> None:
    modules = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "workers").rglob("*.py"))
    touching = {m: names for m in modules if (names := private_faust_names(m))}
    assert set(touching) == {"workers/runtime/faust_internals.py"}, touching


def test_another_faust_release_is_refused_at_start_up() -> None:
    faust_internals.check_version(faust_internals.SUPPORTED)
    with pytest.raises(RuntimeError, match="0.16.0"):
        faust_internals.check_version("0.16.0")


def test_no_module_defines_a_top_level_name_twice() -> None:
    """A pattern or constant defined again further down a module replaces the first for every
    use, above it too: two such (a caption's sentence split, a day-first time cue) once changed
    what other functions read. Each name a module defines at its top level is defined once."""
    twice = []
    for path in sorted((ROOT / "workers").rglob("*.py")):
        seen: set[str] = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign):
                names = [target.id for target in node.targets if isinstance(target, ast.Name)]
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names = [node.target.id]
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names = [node.name]
            else:
                continue
            twice += [f"{path.relative_to(ROOT)}: {name}" for name in names if name in seen]
            seen.update(names)
    assert twice == []
