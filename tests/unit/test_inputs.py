"""What ``wirestream publish`` reads: WARC and JSON Lines crawl files, files and stdin."""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner

from tests.crawls import (
    ARTICLES,
    BROKEN_LINE,
    JSONL_GOOD,
    SKIPPED,
    jsonl_bytes,
    write_jsonl,
    write_warc,
)
from workers.tools.cli import cli
from workers.tools.inputs import Report, decode_payload, jsonl_messages, read


@pytest.mark.parametrize("compress", [True, False])
def test_warc_response_records_become_envelopes(tmp_path: Path, compress: bool) -> None:
    path = write_warc(tmp_path / ("crawl.warc.gz" if compress else "crawl.warc"), compress)
    report = Report()
    messages = list(read([str(path)], report))
    assert [m.key for m in messages] == [url.encode() for url, *_ in ARTICLES]
    for message, (url, _type, _payload, text) in zip(messages, ARTICLES, strict=True):
        envelope = orjson.loads(message.value)
        assert envelope["url"] == url
        assert envelope["content"] == text  # decoded by the declared charset (ISO-8859-2 too)
        assert envelope["fetched_at"].startswith("20")
        assert envelope["id"].startswith("urn:uuid:")
        assert envelope["content_type"] == message.content_type
    assert [m.content_type for m in messages] == ["text/html", "text/plain", "text/html"]
    assert dict(report.skipped) == SKIPPED
    assert report.problem_count == 0 and report.unreadable == 0


def test_a_warc_cut_short_is_reported_with_its_record_number(tmp_path: Path) -> None:
    whole = write_warc(tmp_path / "whole.warc.gz").read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: len(whole) - 40])  # the last record's gzip member is broken
    report = Report()
    messages = list(read([str(cut)], report))
    assert [m.key for m in messages] == [url.encode() for url, *_ in ARTICLES[:2]]
    assert report.unreadable == 1
    assert report.problems[0].startswith(f"{cut}: record ")


@pytest.mark.parametrize("name", ["feed.jsonl", "feed.ndjson", "feed.jsonl.gz"])
def test_jsonl_one_envelope_per_line_and_a_broken_line_reported(tmp_path: Path, name: str) -> None:
    path = write_jsonl(tmp_path / name)
    report = Report()
    messages = list(read([str(path)], report))
    assert [m.value for m in messages] == [
        orjson.dumps(JSONL_GOOD[0]),
        orjson.dumps(JSONL_GOOD[1]),
        BROKEN_LINE,  # sent on as it is, for the parse stage to dead-letter and count
        orjson.dumps(JSONL_GOOD[2]),
    ]
    # Keys: the URL, else the id; a broken line has none.
    assert [m.key for m in messages] == [
        b"https://example.com/a1",
        b"a2",
        None,
        b"https://example.com/a3",
    ]
    assert report.problem_count == 1
    assert report.problems == [f"{path}:3: not a JSON object (sent on to be dead-lettered)"]


def test_jsonl_is_read_lazily() -> None:
    """Only what has been asked for is read: memory stays flat whatever the input's size."""

    class Endless(io.RawIOBase):
        lines_read = 0

        def readable(self) -> bool:
            return True

        def readline(self, size: int | None = -1) -> bytes:  # type: ignore[override]
            self.lines_read += 1
            return b'{"id": "x", "content": "y"}\n'

        def __iter__(self) -> Any:
            return self

        def __next__(self) -> bytes:
            return self.readline()

    stream = Endless()
    messages = jsonl_messages(stream, "<endless>", Report())  # type: ignore[arg-type]
    taken = [next(messages) for _ in range(5)]
    assert len(taken) == 5
    assert stream.lines_read <= 6


LATIN = "In Zürich the café served a naïve crème brûlée to the façade's architects. " * 4


@pytest.mark.parametrize(
    ("payload", "charset", "text"),
    [
        ("Łódź".encode("iso-8859-2"), "iso-8859-2", "Łódź"),
        ("naïve".encode(), None, "naïve"),
        ("naïve".encode(), "no-such-charset", "naïve"),
        (LATIN.encode("cp1252"), "utf-8", LATIN),  # a wrong declaration: detected instead
        (LATIN.encode(), "iso-8859-1", LATIN),  # UTF-8 bytes are UTF-8 whatever the header says
        ("Zażółć gęślą jaźń".encode("cp1250"), "windows-1250", "Zażółć gęślą jaźń"),
        ("Łódź".encode("iso-8859-2"), "base64", None),  # not a text encoding: detected
    ],
)
def test_payloads_decode_by_charset_or_detection(
    payload: bytes, charset: str | None, text: str | None
) -> None:
    decoded = decode_payload(payload, charset)
    assert decoded == text if text is not None else isinstance(decoded, str)


def test_dry_run_lists_and_counts_without_a_broker(tmp_path: Path) -> None:
    warc = write_warc(tmp_path / "crawl.warc.gz")
    feed = write_jsonl(tmp_path / "feed.jsonl.gz")
    result = CliRunner().invoke(
        cli,
        ["publish", "--dry-run", str(warc), str(feed)],
        env={"WIRESTREAM_BROKER": "127.0.0.1:1"},
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[-1] == "7 message(s)"
    assert (
        lines[0]
        == f"https://example.pl/lodz\ttext/html\t{len(orjson.dumps(_first_envelope(warc)))}"
    )
    assert "malformed: " in result.stderr and f"{feed}:3" in result.stderr
    assert "skipped records: metadata 1, non-text 1, request 1, warcinfo 1" in result.stderr


def _first_envelope(warc: Path) -> Any:
    return orjson.loads(next(iter(read([str(warc)], Report()))).value)


def test_dry_run_of_a_broken_warc_exits_non_zero(tmp_path: Path) -> None:
    whole = write_warc(tmp_path / "whole.warc.gz").read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: len(whole) - 40])
    result = CliRunner().invoke(cli, ["publish", "--dry-run", str(cut)])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "2 message(s)"
    assert "unreadable" in result.stderr


def test_stdin_as_jsonl(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["publish", "--dry-run", "--format", "jsonl", "-"], input=jsonl_bytes()
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "4 message(s)"
    assert "<stdin>:3" in result.stderr


def test_stdin_raw_is_one_message() -> None:
    data = gzip.compress(b"x" * 10)
    result = CliRunner().invoke(cli, ["publish", "--dry-run", "-"], input=data)
    assert result.stdout.splitlines() == [
        f"-\tapplication/octet-stream\t{len(data)}",
        "1 message(s)",
    ]


def test_keys_printed_from_input_are_one_clean_line(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(orjson.dumps({"id": "evil\nfake line\u202e", "content": "x"}) + b"\n")
    result = CliRunner().invoke(cli, ["publish", "--dry-run", str(feed)])
    assert result.stdout.splitlines()[0].startswith("evil?fake line?\t")
