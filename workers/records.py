"""Every record that crosses a topic, as ``faust.Record``; ``schemas/*.json`` say the same.
Also where a message was read (``Position``) and how a dead letter is made from it.

Records carry no Faust metadata on the wire (``include_metadata=False``) so that any JSON
consumer can read them, and ``version`` so that the contract can evolve. Outputs hold no
wall-clock time: a redelivered message yields a byte-identical record.
"""

from __future__ import annotations

import base64
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import orjson

try:
    import faust
except ImportError:  # the pure cores without Faust: records are plain objects (``_Plain``)
    faust = None  # type: ignore[assignment]

SCHEMA_VERSION = 1
# What an ``Outcome`` can report, and the per-source counts the API shows.
OUTCOMES = ("received", "parsed", "duplicate", "enriched", "dead_lettered", "superseded")


class _Plain:
    """What a record is where Faust is not installed: its annotated fields, set from keyword
    arguments or the class defaults, and ``asdict``. The worker always has Faust; this lets the
    pure cores (parsing, near_dup, nlp) be imported and run without it."""

    def __init_subclass__(cls, **options: Any) -> None:  # Faust's class options, ignored
        super().__init_subclass__()

    @classmethod
    def _fields(cls) -> list[str]:
        names: dict[str, None] = {}
        for klass in reversed(cls.__mro__):
            names.update(dict.fromkeys(vars(klass).get("__annotations__", {})))
        return list(names)

    def __init__(self, **values: Any) -> None:
        for name in self._fields():
            if name in values:
                setattr(self, name, values.pop(name))
            elif not hasattr(type(self), name):
                raise TypeError(f"{type(self).__name__} needs {name}")
        if values:
            raise TypeError(f"{type(self).__name__} has no field {sorted(values)[0]}")

    def asdict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self._fields()}


_Base: Any = faust.Record if faust is not None else _Plain
_R = TypeVar("_R")


class InvalidRecord(ValueError):
    """A message on a topic of records that is not the record the topic carries."""


def read_record(kind: type[_R], data: bytes | None) -> _R:
    """The ``kind`` record that ``data`` holds, every field checked against its annotation.

    Topics between stages are written by Wirestream, but anything that can reach the broker can
    write to them too, and Faust's own decoding checks no type: a string where an offset belongs
    would crash the agent that does arithmetic with it, on every restart. Fields this release
    does not know are ignored (a newer writer's additions); a missing or ill-typed one raises
    ``InvalidRecord``. Each value is looked at once, as deep as its annotation goes: linear.
    """
    if data is None:
        raise InvalidRecord("no value")
    try:
        data_ = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise InvalidRecord(f"not JSON: {exc}") from None
    if not isinstance(data_, dict):
        raise InvalidRecord(f"JSON {_json_kind(data_)}, not an object")
    fields: dict[str, Any] = {}
    hints, optional = _hints(kind)
    for name, hint in hints.items():
        if name not in data_:
            if name not in optional:
                raise InvalidRecord(f"no field {name}")
            continue
        if not _fits(data_[name], hint):
            raise InvalidRecord(f"field {name}: JSON {_json_kind(data_[name])}, not {_name(hint)}")
        fields[name] = data_[name]
    from_data = getattr(kind, "from_data", None)
    return from_data(fields) if from_data is not None else kind(**fields)


_HINTS: dict[Any, tuple[dict[str, Any], frozenset[str]]] = {}


def _hints(kind: Any) -> tuple[dict[str, Any], frozenset[str]]:
    """A record's fields with their types, and those that have a default."""
    if kind in _HINTS:
        return _HINTS[kind]
    hints = typing.get_type_hints(kind)
    names: dict[str, None] = {}
    for klass in reversed(kind.__mro__):
        if klass is not _Base and issubclass(klass, _Base):
            names.update(dict.fromkeys(vars(klass).get("__annotations__", {})))
    options = getattr(kind, "_options", None)
    defaults = (
        options.defaults if options is not None else {n: 0 for n in names if hasattr(kind, n)}
    )
    _HINTS[kind] = {name: hints[name] for name in names}, frozenset(defaults)
    return _HINTS[kind]


def _json_kind(value: Any) -> str:
    kinds = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return kinds.get(type(value), "number")


def _name(hint: Any) -> str:
    return hint.__name__ if isinstance(hint, type) else str(hint)


def _fits(value: Any, hint: Any) -> bool:
    """Whether a JSON value is of the annotated type (bool is no number here)."""
    return _checker(hint)(value)


# JSON's scalar types each annotation admits (``type(v) is``: bool is not int here).
_SCALARS: dict[Any, tuple[type, ...]] = {
    int: (int,),
    float: (int, float),
    str: (str,),
    bool: (bool,),
    type(None): (type(None),),
}
_CHECKERS: dict[Any, Callable[[Any], bool]] = {}


def _checker(hint: Any) -> Callable[[Any], bool]:
    """A test for values of ``hint``, built once per annotation: reading a record costs a type
    test per value, not a walk of the annotation for each (a signature is 128 numbers)."""
    if hint not in _CHECKERS:
        _CHECKERS[hint] = _build_checker(hint)
    return _CHECKERS[hint]


def _build_checker(hint: Any) -> Callable[[Any], bool]:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any:
        return _anything
    if hint in _SCALARS:
        return _scalar_checker(_SCALARS[hint])
    if origin in (typing.Union, types.UnionType):
        arms = [_checker(arm) for arm in args]
        return lambda value: any(arm(value) for arm in arms)
    if origin is list and args[0] in _SCALARS:
        kinds = _SCALARS[args[0]]
        return lambda value: type(value) is list and all(type(i) in kinds for i in value)
    if origin is list:
        each = _checker(args[0])
        return lambda value: type(value) is list and all(each(i) for i in value)
    if origin is dict:
        keys, values = _checker(args[0]), _checker(args[1])
        return lambda value: (
            type(value) is dict and all(keys(k) and values(v) for k, v in value.items())
        )
    raise TypeError(f"no JSON check for {hint}")


def _scalar_checker(kinds: tuple[type, ...]) -> Callable[[Any], bool]:
    return lambda value: type(value) in kinds


def _anything(value: Any) -> bool:
    return True


class _Wire(_Base, abstract=True, include_metadata=False, serializer="json"):  # type: ignore[misc,call-arg]
    pass


class ParsedArticle(_Wire):
    """``articles.parsed`` and ``articles.unique``: a clean article, fingerprinted."""

    version: int
    raw_id: str
    raw_ref: str
    article_id: str
    source: str
    source_name: str | None
    url: str | None
    title: str
    standfirst: str | None
    authors: list[str]
    published_at: str | None
    updated_at: str | None
    language: str | None
    body: str
    word_count: int
    content_hash: str
    content_type: str
    removed: list[dict[str, str]]
    ingested_at: str
    minhash: list[int] | None = None


class EnrichedArticle(_Wire):
    """``articles.enriched``: the article with what the NLP found in it."""

    version: int
    raw_id: str
    raw_ref: str
    article_id: str
    cluster_id: str
    source: str
    source_name: str | None
    url: str | None
    title: str
    standfirst: str | None
    authors: list[str]
    published_at: str | None
    updated_at: str | None
    language: str | None
    body: str
    word_count: int
    content_hash: str
    ingested_at: str
    nlp_model: str | None
    entities: dict[str, Any]
    quotes: list[dict[str, Any]]
    amounts: list[dict[str, Any]]
    themes: list[dict[str, Any]]
    tone: dict[str, float] | None
    keywords: list[str]
    summary: str
    reading_time_s: int
    countries: list[str]


class Duplicate(_Wire):
    """``articles.duplicates``: a copy of another article, the original of its cluster.

    One record per raw message judged a duplicate; a later record with the same ``raw_id`` and
    ``revised`` set replaces it (its cluster's original changed, or it was itself the original).
    """

    version: int
    raw_id: str
    article_id: str
    duplicate_of: str
    kind: str
    similarity: float
    source: str
    url: str | None
    title: str
    published_at: str | None
    revised: bool = False


class DeadLetter(_Wire):
    """``articles.dead-letter``: a message a stage could not handle, with why and what it was."""

    version: int
    raw_id: str
    stage: str
    reason: str
    detail: str
    source: str
    topic: str
    partition: int
    offset: int
    payload: str
    payload_encoding: str
    payload_size: int
    payload_truncated: bool


class Outcome(_Wire):
    """``articles.outcomes`` (keyed by source): what one stage did with one input message.

    ``stage``/``partition``/``offset`` name the stage's input position, and ``committed`` that
    partition's committed offset as the stage's worker knew it when it sent the outcome (None if
    it knew none): the counts agent skips an offset it applied already, and forgets the offsets
    below the highest committed one (``workers.stages.counts``).
    """

    version: int
    source: str
    stage: str
    partition: int
    offset: int
    at: float
    outcomes: list[str]
    reason: str | None = None
    committed: int | None = None


# A dead letter keeps at most this much of its payload (``payload_truncated`` says so): as JSON,
# even all escapes, the record stays well under the broker's 10 MiB message limit.
MAX_DEAD_LETTER_PAYLOAD = 1_000_000


@dataclass(frozen=True)
class Position:
    """Where a message was read: the stage's input topic, partition, offset and timestamp."""

    topic: str
    partition: int
    offset: int
    timestamp: float  # seconds since the epoch, from the Kafka record

    @classmethod
    def of(cls, event: Any) -> Position:
        message = event.message
        return cls(message.topic, message.partition, message.offset, float(message.timestamp))

    @property
    def raw_ref(self) -> str:
        """``topic:partition:offset``, as records' ``raw_ref`` name a raw message."""
        return f"{self.topic}:{self.partition}:{self.offset}"

    @property
    def iso(self) -> str:
        return datetime.fromtimestamp(self.timestamp, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def dead_letter_record(
    *,
    stage: str,
    reason: str,
    detail: str,
    payload: bytes,
    position: Position,
    raw_id: str,
    source: str,
    max_payload: int,
) -> DeadLetter:
    kept = payload[: min(max_payload, MAX_DEAD_LETTER_PAYLOAD)]
    try:
        text, encoding = kept.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = base64.b64encode(kept).decode("ascii"), "base64"
    return DeadLetter(
        version=SCHEMA_VERSION,
        raw_id=raw_id,
        stage=stage,
        reason=reason,
        detail=detail[:1000],
        source=source,
        topic=position.topic,
        partition=position.partition,
        offset=position.offset,
        payload=text,
        payload_encoding=encoding,
        payload_size=len(payload),
        payload_truncated=len(kept) < len(payload),
    )
