"""Tests never see the developer's environment: every WIRESTREAM_* variable is cleared before
the app module is imported (it reads the environment once), and again around every test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

for _name in [n for n in os.environ if n.startswith("WIRESTREAM_")]:
    del os.environ[_name]
# The module-level app of agent tests: in-memory tables, NER in a thread, its own id.
os.environ["WIRESTREAM_APP_ID"] = "wirestream-agent-tests"
os.environ["WIRESTREAM_ENRICH_PROCESSES"] = "0"

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_e1c321dd5f61c31b.txt"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in [n for n in os.environ if n.startswith("WIRESTREAM_")]:
        monkeypatch.delenv(name)
    yield


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """spaCy loaded once for the whole session."""
    from workers.nlp.pipeline import load
    from workers.settings import Settings

    return load(Settings().models["en"])


@pytest.fixture(scope="session")
def models(nlp):  # type: ignore[no-untyped-def]
    """The settings' language -> model map, with the session's English model in it."""
    from workers.nlp.pipeline import models as build
    from workers.settings import Settings

    return build(Settings().models).preload(Settings().models["en"], nlp)
