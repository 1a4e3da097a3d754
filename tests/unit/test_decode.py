import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from workers.errors import REASONS, ParseError
from workers.parsing.decode import decode_message

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

    assert repair(text) == ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False)


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

    assert repair(text) == ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False)
