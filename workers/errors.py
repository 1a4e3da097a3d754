"""The error tree of the pipeline.

    WirestreamError
    └── PermanentError        bad input: never retried; the message goes to the dead-letter
        │                     topic with stage, reason code, detail and the original payload
        ├── ParseError        raised by the parse stage (reason codes: REASONS["parse"])
        └── EnrichError       raised by the enrich stage (reason codes: REASONS["enrich"])

There is no class for passing trouble (a broker briefly unavailable): sends are retried by the
Kafka producer itself, an unfinished message is never committed, and a worker that cannot make
progress is restarted by its watchdog (``runtime.watchdog``); the message is then redelivered.

Every reason code is documented here and in the README; tests check that each dead letter
carries one of them.
"""

from __future__ import annotations

REASONS: dict[str, dict[str, str]] = {
    "parse": {
        "empty_content": "content is empty or whitespace only",
        "content_too_large": "raw message larger than WIRESTREAM_MAX_CONTENT_BYTES",
        "binary_content": "content is binary data, not text",
        "undecodable": "bytes could not be decoded as text in any known encoding",
        "invalid_json": "value looks like a JSON object but does not parse",
        "invalid_envelope": "JSON envelope has missing or wrongly typed fields",
        "unsupported_content_type": "content_type is not text/plain or text/html",
        "no_title": "no title could be recovered from the page",
        "no_body": "no article body could be recovered from the page",
        "parser_failed": "the parser raised an unexpected error on this input (a bug: report it)",
        "parse_timeout": "parsing ran past WIRESTREAM_PARSE_TIMEOUT_S; its process was killed",
        "parser_crashed": "the parse process died on this input",
        "too_many_attempts": (
            "a worker stopped WIRESTREAM_MAX_ATTEMPTS times while parsing this message (killed or "
            "crashed); it is not tried again"
        ),
    },
    "enrich": {
        "enrich_failed": "the NLP pipeline raised on this article",
        "enrich_timeout": "enrichment ran past WIRESTREAM_ENRICH_TIMEOUT_S; its process was killed",
        "invalid_record": "a message on articles.unique is not a parsed article (not from dedup)",
    },
    # Messages on the topics between stages that no stage wrote (``records.read_record``).
    "dedup": {
        "invalid_record": (
            "a message on articles.parsed is not a parsed article the index can take (not from "
            "parse)"
        ),
    },
    "count": {
        "invalid_record": "a message on articles.outcomes is not an outcome a stage could write",
    },
}


class WirestreamError(Exception):
    """Base of every error the pipeline raises on purpose."""


class PermanentError(WirestreamError):
    """Bad input: dead-letter it, never retry."""

    stage = "unknown"

    def __init__(self, reason: str, detail: str = "") -> None:
        if reason not in REASONS.get(self.stage, {}):
            raise ValueError(f"undocumented {self.stage} reason code {reason!r}")
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail or REASONS[self.stage][reason]

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        """Pickled by reason and detail: it crosses from a sandbox process to the worker."""
        return (type(self), (self.reason, self.detail))


class ParseError(PermanentError):
    stage = "parse"


class EnrichError(PermanentError):
    stage = "enrich"
