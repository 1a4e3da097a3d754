"""Word lists shipped in ``workers/data``: cue matching shared by themes and tone."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources


def data_rows(name: str) -> list[list[str]]:
    text = resources.files("workers.data").joinpath(name).read_text(encoding="utf-8")
    return [
        line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]


def cue_pattern(cues: str) -> re.Pattern[str]:
    """``"terror*|al qaeda"`` -> one regex matching whole words, ``*`` as any word ending."""
    parts = []
    for cue in cues.split("|"):
        cue = cue.strip()
        stem = re.escape(cue.rstrip("*")).replace(r"\ ", r"\s+")
        parts.append(stem + (r"\w*" if cue.endswith("*") else ""))
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.I)


@cache
def table(name: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((key, cue_pattern(cues)) for key, cues in data_rows(name))
