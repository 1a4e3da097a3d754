from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from workers.errors import REASONS, ParseError
from workers.parsing.decode import declared_charset, decode_message, web_encoding
from workers.parsing.textdump import parse_text

LIMIT = 10_000


def env(**fields: object) -> bytes:
    return orjson.dumps(fields)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (b"", "empty_content"),
        (b"   \n\t ", "empty_content"),
        (b"x" * (LIMIT + 1), "content_too_large"),
        (b"\x00\x01\x02binary\x00", "binary_content"),
        (bytes(range(1, 32)) * 40, "binary_content"),
        (b'{"content": "abc"', "invalid_json"),
        (b'{"content": 42}', "invalid_envelope"),
        (env(content="x", url=5), "invalid_envelope"),
        (env(content="x", source=["a"]), "invalid_envelope"),
        (env(title="no content"), "invalid_envelope"),
        (env(content="   "), "empty_content"),
        (env(content="x", content_type="application/pdf"), "unsupported_content_type"),
        (env(content="x", content_type=3), "invalid_envelope"),
        (b"[" * 5000 + b"]" * 5000, None),  # not an object: taken as text, parsed later
    ],
)
def test_bad_input_has_a_documented_reason(value: bytes, reason: str | None) -> None:
    if reason is None:
        assert decode_message(value, LIMIT).content_type == "text/plain"
        return
    with pytest.raises(ParseError) as info:
        decode_message(value, LIMIT)
    assert info.value.reason == reason
    assert reason in REASONS["parse"]


def test_deeply_nested_json_is_invalid_not_a_crash() -> None:
    with pytest.raises(ParseError) as info:
        decode_message(b'{"a":' * 2000 + b"1" + b"}" * 2000, 100_000)
    assert info.value.reason == "invalid_json"


def test_envelope_fields_are_kept() -> None:
    raw = decode_message(
        env(
            content="Hello",
            content_type="text/html; charset=utf-8",
            id="a1",
            source="example.com",
            url="https://e.com/x",
        ),
        LIMIT,
    )
    assert (raw.content, raw.content_type, raw.id, raw.source, raw.url) == (
        "Hello",
        "text/html",
        "a1",
        "example.com",
        "https://e.com/x",
    )


def test_bare_html_is_sniffed() -> None:
    assert decode_message(b"<!DOCTYPE html><html><body>x</body></html>", LIMIT).content_type == (
        "text/html"
    )


def test_latin1_bytes_are_decoded() -> None:
    text = "Le café de la gare a fermé ses portes après trente ans. " * 5
    raw = decode_message(text.encode("latin-1"), LIMIT)
    assert "café" in raw.content and "après" in raw.content


def test_mojibake_is_repaired() -> None:
    broken = "The government’s plan".encode().decode("latin-1").encode()
    assert "government’s" in decode_message(broken, LIMIT).content


def test_soft_hyphens_and_zero_width_spaces_are_dropped_but_joiners_kept() -> None:
    """Break hints a page's text holds ("Mit\xadtel\xadal\xadter") would split its words for
    every reader downstream; a zero-width joiner is part of an emoji or a script's spelling."""
    family = "\U0001f468\u200d\U0001f467"
    text = f"Im Mit\xadtel\xadal\xadter war der Wein\u200bberg gross. Family: {family}. " * 5
    content = decode_message(text.encode(), LIMIT).content
    assert "Mittelalter" in content and "Weinberg" in content
    assert "\xad" not in content and "\u200b" not in content
    assert family in content


def test_undocumented_reason_is_refused() -> None:
    with pytest.raises(ValueError):
        ParseError("not_a_reason")


def _mojibake(text: str) -> str:
    return text.encode().decode("cp1252")


@pytest.mark.parametrize("envelope", [True, False])
def test_mojibake_in_an_html_page_is_repaired_in_its_fields(envelope: bool) -> None:
    """An HTML page is repaired field by field after extraction, not whole."""
    from workers.parsing.article import parse_message
    from workers.settings import Settings

    title = "The government’s plan for the café"
    body = "The council’s budget, agreed on Tuesday, pays for the café’s new roof. " * 8
    html = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    html += f"<p>{body}</p><p>{body}</p></article></body></html>"
    html = _mojibake(html)
    value = env(content=html, content_type="text/html") if envelope else html.encode()
    article = parse_message(value, "t:0:0", "2026-12-01T00:00:00.000000Z", Settings())
    assert article.title == title
    assert "council’s budget" in article.body and "Ã" not in article.body


# ftfy's settings for the parse stage: quotes as the page curls them, and characters as wide as
# the page prints them (Chinese and Japanese punctuation is full width: "：", "？", "，").
FTFY_SETTINGS: dict[str, Any] = {
    "normalization": "NFC",
    "uncurl_quotes": False,
    "fix_character_width": False,
}


@pytest.mark.parametrize(
    "text",
    [
        "plain ascii line\nanother &amp; line\r\nthird\x1b[31m red\n",
        "<p>tag first</p>\n&eacute; after a tag stays escaped\n",
        "Caf\u00c3\u00a9 mojibake\nascii\n\u00e2\u20ac\u2122 quote\n",
        "ﬁ ligature and ｗｉｄｅ letters\nnon-breaking\u00a0space\n",
    ],
)
def test_repair_is_ftfy_with_the_same_result(text: str) -> None:
    import ftfy

    from workers.parsing.decode import repair

    assert repair(text) == ftfy.fix_text(text, **FTFY_SETTINGS)


def test_full_width_punctuation_and_letters_are_kept_as_printed() -> None:
    """Chinese and Japanese text prints its punctuation full width: it is the article's own, and
    read as half width it would no longer match the text it came from ("武汉的声音：有英勇的你，
    才有英雄的城！"). Mojibake is still repaired around it."""
    from workers.parsing.decode import repair

    line = "武汉的声音：有英勇的你，才有英雄的城！ＮＨＫ　２０２０年"
    assert repair(line) == line
    assert repair(f"Caf\u00c3\u00a9 {line}") == f"Café {line}"


@given(
    st.lists(
        st.sampled_from(
            ["plain", " ", "\n", "\r", "&amp;", "&lt;", "<", "\x1b[0m", "é", "Ã©", "â€™", "ﬁ"]
        ),
        max_size=40,
    ).map("".join)
)
def test_repair_is_ftfy_on_any_mix_of_lines(text: str) -> None:
    import ftfy

    from workers.parsing.decode import repair

    assert repair(text) == ftfy.fix_text(text, **FTFY_SETTINGS)


@given(
    st.lists(
        st.sampled_from(
            ["word", " ", "\n", "“", "”", "’", "‘", "–", "—", "…", "•", "‰", "‹", "›", "\u2028"]
            + ["\u200b", "\u2060", "€", "™", "â€™", "â€œ", "Ã©", "Ð", "РџСЂ", "é", "&amp;", "\t"]
        ),
        max_size=40,
    ).map("".join)
)
def test_repair_is_ftfy_on_lines_of_punctuation_and_mojibake(text: str) -> None:
    """Lines of ASCII and general punctuation skip ftfy: still what ftfy gives, whatever the mix
    (mojibake's own characters among them)."""
    import ftfy

    from workers.parsing.decode import repair

    assert repair(text) == ftfy.fix_text(text, **FTFY_SETTINGS)


def page(body: bytes, head: str = "") -> bytes:
    return f"<!DOCTYPE html><html><head>{head}<title>t</title></head><body><p>".encode() + (
        body + b"</p></body></html>"
    )


@pytest.mark.parametrize(
    ("text", "encoding", "head"),
    [
        ("A ação começou em São Paulo.", "iso-8859-1", '<meta charset="{}">'),
        (
            "Zażółć gęślą jaźń.",
            "iso-8859-2",
            '<meta http-equiv="Content-Type" content="text/html; charset={}">',
        ),
    ],
)
def test_a_page_is_read_in_the_encoding_it_declares(text: str, encoding: str, head: str) -> None:
    # Too short for the detector to tell these encodings from their neighbours.
    raw = decode_message(page(text.encode(encoding), head.format(encoding)), LIMIT)
    assert text in raw.content


def test_a_mostly_utf8_page_keeps_its_accents_around_a_stray_byte() -> None:
    text = "Sprzeciw wobec ataków na Fundację Lux Veritatis. " * 6
    raw = decode_message(page(text.encode() + b"papieros\xc3..."), LIMIT)
    assert text in raw.content
    assert raw.content.count("\ufffd") == 1


def test_a_dump_with_a_damaged_passage_is_read_and_one_mostly_damaged_is_refused() -> None:
    """A scraper that decoded a page "with replacement" leaves U+FFFD where it could not read
    (a quote in a script it had no font or codec for): a few percent of the text is still an
    article. A text a tenth or more replaced is no text."""
    paragraph = "The council approved the flood defence scheme on Tuesday evening. " * 3
    damaged = "\ufffd\ufffd\ufffd\ufffd \ufffd\ufffd\ufffd \ufffd\ufffd\ufffd\ufffd\ufffd"
    text = "\n\n".join([paragraph, damaged, damaged, paragraph, paragraph])
    assert 0.02 < text.count("\ufffd") / len(text) < 0.1
    assert paragraph in decode_message(env(content=text), LIMIT).content
    parsed = parse_text(f"Council approves the flood scheme\n\n{text}")
    assert parsed.paragraphs == [paragraph.strip()] * 3  # what was lost is no paragraph
    assert [r["rule"] for r in parsed.removed] == ["undecodable"] * 2
    with pytest.raises(ParseError) as refused:
        decode_message(env(content="\n\n".join([paragraph, damaged * 4])), LIMIT)
    assert refused.value.reason == "binary_content"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<meta charset="ISO-8859-1">', "cp1252"),  # what browsers read for Latin-1
        (b"<meta charset=latin1>", "cp1252"),
        (b'<meta charset="windows-1250">', "cp1250"),
        (b'<meta charset="UTF-16">', "utf-8"),  # markup that says so is ASCII-compatible
        (b'<meta charset="utf-7">', None),
        (b'<meta charset="base64">', None),  # a codec, not a text encoding
        (b'<meta charset="rot13">', None),
        (b'<meta charset="no-such-thing">', None),
        (b'<meta charset="idna">', None),  # Python codecs that raise, or decode escapes
        (b'<meta charset="unicode_escape">', None),
        (b"<html><head><title>none declared</title>", None),
    ],
)
def test_declared_charset(head: bytes, expected: str | None) -> None:
    assert declared_charset(head) == expected


@given(st.text(max_size=60))
def test_any_charset_label_is_a_web_encoding_or_none(label: str) -> None:
    # Labels come from pages and HTTP headers: a NUL, a surrogate, any Python codec's name.
    assert web_encoding(label) is None or b"abc".decode(web_encoding(label) or "") == "abc"


@given(st.text(max_size=60), st.binary(max_size=200))
def test_any_declared_label_decodes_or_is_refused_with_a_reason(label: str, body: bytes) -> None:
    value = page(body, f'<meta charset="{label}">')
    try:
        raw = decode_message(value, LIMIT)
    except ParseError as error:
        assert error.reason in REASONS["parse"]
    else:
        assert raw.content_type == "text/html"
