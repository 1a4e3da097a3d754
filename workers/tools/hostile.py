"""A corpus of hostile raw messages: the shapes that have frozen or fooled news pipelines, for the
tests, the ``bench.hostile`` script and anyone who wants to try a deployment with them:
``python -m workers.tools.hostile DIR 1000`` writes one file per message, for ``wirestream publish
DIR``.

Every category is a function of a seeded random generator and a size factor, so that a property
test can double an input and compare times. About one message in ten is an ordinary article:
a pipeline that survives hostile input must still do its work.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path

import orjson

ARTICLE = (
    "Council approves new flood defences for the river town\n\n"
    "By Jane Walker\n"
    "12 March 2024, 10:30 GMT\n\n"
    "The council voted on Tuesday to build new flood walls along the river after three winters "
    "of flooding damaged hundreds of homes in the lower town.\n\n"
    "The scheme will cost about 48 million pounds and is expected to take four years, the "
    "council's leader said at a meeting attended by residents.\n\n"
    "Residents welcomed the decision but warned that work must start before next winter, when "
    "forecasters expect more storms to reach the coast from the Atlantic.\n"
)


def _text(body: str, title: str = "A headline for a hostile page") -> bytes:
    return f"{title}\n\nBy Jane Walker\n12 March 2024\n\n{body}\n".encode()


def _envelope(**fields: object) -> bytes:
    return orjson.dumps({"content": ARTICLE, **fields})


def _html(inner: str, head: str = "") -> bytes:
    return (
        f"<!doctype html><html><head><title>Hostile page</title>{head}</head>"
        f"<body><article><h1>Hostile page</h1>{inner}</article></body></html>"
    ).encode()


def _token(rng: random.Random) -> str:
    """Makes each message's id its own: a consumer tells outcomes apart by raw id."""
    return f"{rng.randrange(16**8):08x}"


def _words(rng: random.Random, n: int) -> str:
    pool = ("river", "council", "flood", "storm", "vote", "town", "homes", "walls", "winter")
    return " ".join(rng.choice(pool) for _ in range(n))


# Each: (name, make(rng, scale) -> raw message value). ``scale`` 1 is the shape's default size.
Make = Callable[[random.Random, int], bytes]
CATEGORIES: dict[str, Make] = {
    "ordinary_article": lambda r, s: _text(
        "\n\n".join(_words(r, 60) + "." for _ in range(8)), "Ordinary headline"
    ),
    "long_hash_line": lambda r, s: _text(
        "".join(r.choices("0123456789abcdef", k=250_000 * s)) + "\n\n" + ARTICLE
    ),
    "long_token_with_at": lambda r, s: _text("x" * 25_000 * s + "@" + "y" * 25_000 * s),
    "many_at_signs": lambda r, s: _text("a@" * 50_000 * s),
    "many_curly_quotes": lambda r, s: _text("“" * 50_000 * s),
    "many_bangs": lambda r, s: _text("!" * 100_000 * s),
    "many_short_lines": lambda r, s: _text("\n".join("Share" for _ in range(100_000 * s))),
    "one_line_of_words": lambda r, s: _text(_words(r, 100_000 * s)),
    "short_words_no_stop": lambda r, s: _text("word " * 100_000 * s),
    "many_capitalised": lambda r, s: _text("London Paris Berlin " * 30_000 * s),
    "many_numbers": lambda r, s: _text("1,000,000 " * 50_000 * s),
    "digit_letter_run": lambda r, s: _text("1a" * 100_000 * s),
    "many_html_paragraphs": lambda r, s: _html("".join("<p>x y</p>" for _ in range(20_000 * s))),
    "html_unclosed_paragraphs": lambda r, s: _html("<p>x" * 40_000 * s),
    "html_heading_flood": lambda r, s: _html("<h2>x y</h2>" * 40_000 * s),
    "html_deep_nesting": lambda r, s: _html("<div>" * 20_000 * s + "text" + "</div>" * 20_000 * s),
    "html_many_attributes": lambda r, s: _html(
        "<p " + " ".join(f"a{i}='v'" for i in range(100_000 * s)) + ">x</p>"
    ),
    "html_jsonld_authors": lambda r, s: _html(
        "<p>" + ARTICLE + "</p>",
        '<script type="application/ld+json">'
        + orjson.dumps(
            {
                "@type": "NewsArticle",
                "author": [{"@type": "Person", "name": f"Author {i}"} for i in range(1000 * s)],
            }
        ).decode()
        + "</script>",
    ),
    "html_jsonld_deep_graph": lambda r, s: _html(
        "<p>" + ARTICLE + "</p>",
        '<script type="application/ld+json">'
        + '{"@graph": [' * 500 * s
        + '{"@type": "NewsArticle", "author": "Jane Doe"}'
        + "]}" * 500 * s
        + "</script>",
    ),
    # A JSON-LD block of CDATA markers and control characters: the outer markers are taken
    # off, the control characters read as spaces, and what is left is no JSON (skipped).
    "html_jsonld_cdata_flood": lambda r, s: _html(
        "<p>" + ARTICLE + "</p>",
        '<script type="application/ld+json">'
        + "//<![CDATA[ \x01\t" * 10_000 * s
        + '{"@type": "NewsArticle"}'
        + "//]]> \x02" * 10_000 * s
        + "</script>",
    ),
    "markdown_brackets": lambda r, s: _text(
        "# Flood walls approved\n\n**By Jane Walker**\n\n" + "[" * 100_000 * s + "](" * 50_000 * s
    ),
    # A whole page in Markdown whose every line is a top-level heading: only the page's first
    # few are read as headline candidates above the body.
    "markdown_heading_flood": lambda r, s: _text(
        "".join(f"# Heading number {i} of the flood\n" for i in range(5_000 * s)) + ARTICLE
    ),
    # A byline followed by a great many social handles and follow buttons.
    "byline_handle_flood": lambda r, s: _text(ARTICLE).replace(
        b"By Jane Walker", ("By Jane Walker" + " Follow @jane_walker" * 10_000 * s).encode()
    ),
    # A byline's line of a great many parts between separators, names and dates.
    "byline_part_flood": lambda r, s: _text(ARTICLE).replace(
        b"By Jane Walker", " | ".join(["Jane Walker", "x y 12 March 2024"] * 2_000 * s).encode()
    ),
    # A paragraph wrapped at 70 columns over a great many lines, as a text browser would, and
    # one of a converter's Markdown (its links make it so) whose lines it kept: each joined
    # into one.
    "wrapped_line_flood": lambda r, s: _text(
        "The council approved the flood plan on Tuesday after a review of its\n" * 1_000 * s
        + "\n"
        + ARTICLE
    ),
    "markdown_wrapped_flood": lambda r, s: _text(
        "".join(f"* [Section {i}](https://example.org/s{i})\n" for i in range(3))
        + "\n"
        + "The council approved the flood plan on Tuesday after a review of its\n" * 1_000 * s
        + "\n"
        + ARTICLE
    ),
    # A table of contents of a great many items, each printed again as a line of its own.
    "contents_flood": lambda r, s: _text(
        "".join(f"* Section {i}\n" for i in range(3_000 * s))
        + "".join(f"Section {i}\nA line of the section.\n" for i in range(3_000 * s))
        + ARTICLE
    ),
    "html_many_meta": lambda r, s: _html(
        "<p>" + ARTICLE + "</p>",
        "".join(f'<meta name="m{i}" content="{i}">' for i in range(50_000 * s)),
    ),
    "html_unclosed_comment": lambda r, s: _html("<!--" + "<p>x</p>" * 50_000 * s),
    "html_dek_flood": lambda r, s: _html('<p class="dek">' * 20_000 * s + "x"),
    "meta_year_1": lambda r, s: _html(
        "<p>" + ARTICLE + "</p>", '<meta property="article:published_time" content="0001-01-01">'
    ),
    "meta_year_9999": lambda r, s: _html(
        "<p>" + ARTICLE + "</p>",
        '<meta property="article:published_time" content="9999-12-31T23:59:59Z">',
    ),
    "meta_year_5": lambda r, s: _html(
        "<p>" + ARTICLE + "</p>", '<meta property="article:published_time" content="0005-06-01">'
    ),
    "copyright_only_date": lambda r, s: (
        "Flood walls approved\n\n" + ARTICLE.split("\n\n", 2)[2] + "\nCopyright 2024\n"
    ).encode(),
    "forged_old_date": lambda r, s: _text(ARTICLE).replace(b"12 March 2024", b"12 March 1850"),
    "future_date": lambda r, s: _text(ARTICLE).replace(b"12 March 2024", b"12/31/9999"),
    "ambiguous_numeric_date": lambda r, s: _text(ARTICLE).replace(
        b"12 March 2024", b"05/12/2023 19:33"
    ),
    "source_with_newline": lambda r, s: _envelope(source="evil.com\nINFO forged log line"),
    "source_bidi_zero_width": lambda r, s: _envelope(source="exa\u200bmple\u202e.com\x07"),
    "source_huge": lambda r, s: _envelope(source="s" * 100_000 * s),
    "id_huge": lambda r, s: _envelope(id="i" * 1_000_000 * s + _token(r)),
    "url_huge": lambda r, s: _envelope(url="https://example.com/" + "p" * 100_000 * s),
    "title_invisible": lambda r, s: _envelope(
        content="Flood\u200b walls\u00ad approved\u202e today\n\n" + ARTICLE.split("\n\n", 1)[1]
    ),
    "byline_many_names": lambda r, s: _text(ARTICLE).replace(
        b"By Jane Walker",
        ("By " + ", ".join(f"Name{i} Surname{i}" for i in range(10_000 * s))).encode(),
    ),
    "bom_envelope": lambda r, s: b"\xef\xbb\xbf" + _envelope(id="bom-" + _token(r)),
    "latin2_text": lambda r, s: (
        "Łódź: radni zatwierdzili nowe wały przeciwpowodziowe\n\n"
        + "Rada miasta przegłosowała budowę nowych wałów wzdłuż rzeki po trzech zimach "
        "powodzi, które zniszczyły setki domów w dolnej części miasta. " * 5
    ).encode("iso-8859-2"),
    "pdf_bytes": lambda r, s: (
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
        + bytes(r.randrange(256) for _ in range(2000))
    ),
    "office_zip": lambda r, s: (
        b"PK\x03\x04\x14\x00\x06\x00"
        + b"[Content_Types].xml"
        + bytes(r.randrange(256) for _ in range(2000))
    ),
    "nul_bytes": lambda r, s: b"Headline\n\n" + b"\x00" * 10_000 * s,
    "random_bytes": lambda r, s: bytes(r.randrange(256) for _ in range(20_000 * s)),
    "control_characters": lambda r, s: _text("\x01\x02\x03\x1b[31m" * 5_000 * s),
    "json_deep_nesting": lambda r, s: b"[" * 100_000 * s + b"]" * 100_000 * s,
    "json_not_object": lambda r, s: orjson.dumps([ARTICLE]),
    "json_wrong_types": lambda r, s: orjson.dumps({"content": 42, "source": ["x"]}),
    "json_lone_surrogate": lambda r, s: b'{"content": "Head\\ud800line\\n\\nBody text here."}',
    "json_truncated": lambda r, s: _envelope()[:-20],
    "empty": lambda r, s: b"",
    "whitespace_only": lambda r, s: b" \n\t\r\n " * 1000 * s,
    "markdown_link_flood": lambda r, s: _text(
        " ".join(f"[link {i}](https://e.com/{i})" for i in range(20_000 * s))
    ),
    "repeated_headline": lambda r, s: _text("\n".join(["A headline"] * 20_000 * s)),
    "huge_article": lambda r, s: _text("\n\n".join(_words(r, 200) + "." for _ in range(2_000 * s))),
    "unicode_combining_flood": lambda r, s: _text("e" + "\u0301" * 100_000 * s),
    "emoji_flood": lambda r, s: _text("\U0001f600" * 100_000 * s),
    "rtl_text": lambda r, s: (
        "مجلس المدينة يوافق على جدران الفيضانات\n\n"
        + "صوت مجلس المدينة يوم الثلاثاء على بناء جدران جديدة على طول النهر. " * 20
    ).encode(),
}


def corpus(count: int, seed: int = 7) -> list[tuple[str, bytes, bytes]]:
    """``count`` messages (key, value, category), every category at least once when ``count``
    allows; about one in ten an ordinary article."""
    rng = random.Random(seed)
    names = sorted(CATEGORIES)
    out = []
    for i in range(count):
        if i < len(names):
            name = names[i]
        elif rng.random() < 0.1:
            name = "ordinary_article"
        else:
            name = rng.choice(names)
        key = f"hostile-{i:05d}-{name}".encode()
        out.append((name, key, CATEGORIES[name](rng, 1)))
    return out


def main(argv: list[str]) -> None:
    """``python -m workers.tools.hostile DIR [COUNT]``: write one file per message."""
    folder = Path(argv[0])
    folder.mkdir(parents=True, exist_ok=True)
    count = int(argv[1]) if len(argv) > 1 else 1000
    for _name, key, value in corpus(count):
        (folder / f"{key.decode()}.bin").write_bytes(value)
    print(f"{count} message(s) in {folder}")


if __name__ == "__main__":
    main(sys.argv[1:])
