"""Write the "parse" part of each seed's golden file from the parser's current output.

    python -m tests.golden [SEED ...]

For a new seed, or after a deliberate change to the parser: read the diff of every golden file
it touches before committing (a golden file is a claim about what is right, not a recording).
Other parts of a golden file (such as "enrich") are kept as they are.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from tests.seeds import raw_value, seed_files
from workers.errors import ParseError
from workers.parsing.article import parse_at
from workers.records import Position
from workers.settings import Settings


def golden_for(path: Path) -> dict[str, Any]:
    try:
        article = parse_at(raw_value(path), Position("articles.raw", 0, 7, 0.0), Settings())
    except ParseError as exc:
        return {"dead_letter": exc.reason}
    paragraphs = article.body.split("\n\n")
    return {
        "parse": {
            "title": article.title,
            "standfirst": article.standfirst,
            "authors": article.authors,
            "published_at": article.published_at,
            "updated_at": article.updated_at,
            "source": article.source,
            "source_name": article.source_name,
            "language": article.language,
            "first_paragraph": paragraphs[0],
            "last_paragraph": paragraphs[-1],
            "paragraphs": len(paragraphs),
            "chrome_removed": len(article.removed),
        }
    }


def main(names: list[str]) -> None:
    for path in seed_files():
        if names and path.name not in names:
            continue
        golden = path.with_name(path.name.split(".")[0] + ".expected.json")
        doc = json.loads(golden.read_text()) if golden.exists() else {}
        doc.pop("parse", None)
        doc.pop("dead_letter", None)
        doc = {**golden_for(path), **doc}
        golden.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        print("wrote", golden.name)


if __name__ == "__main__":
    main(sys.argv[1:])
