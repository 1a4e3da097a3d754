"""The whole enrichment of an article, or of a batch, as a pure function of the articles and
the models.

Each article is read by the model of its own language (``languages.Models``, a setting) or, where
no model reads its language, by what needs none (``languages``): places by gazetteer, amounts,
quotes, keywords and the lead summary; no persons or organisations. ``nlp_model`` names the
pipeline that produced the entities, or is null. Themes and tone use English lexicons: they are
computed for English only, and are empty (tone null) elsewhere.

``load`` builds a spaCy pipeline once per process: the parser and lemmatizer are left out (the
sentence recogniser does the sentences) for speed. This module imports neither Faust nor the
app, so a process pool can import it cheaply.
"""

from __future__ import annotations

import re
import signal
from typing import Any

from workers.nlp import analysis, languages
from workers.nlp.amounts import extract_amounts
from workers.nlp.entities import Entity, extract
from workers.nlp.geo import gazetteer
from workers.nlp.languages import Models
from workers.nlp.quotes import extract_quotes

# NER reads at most this much of a body (about 50,000 words, a few seconds): an enormous body
# costs bounded time; entities past it are not found. The rest of the enrichment reads it all.
NER_MAX_CHARS = 300_000
# spaCy's tokenizer is quadratic in a run of punctuation with no space (it splits one prefix or
# suffix at a time and searches the rest again): 20,000 "!" or "[" take it over a minute. No
# entity lives in such a run, so longer runs are blanked before NER, keeping the text's length
# (entity offsets still index the body).
MAX_PUNCTUATION_RUN = 50
_PUNCTUATION_RUN = re.compile(rf"[^\w\s]{{{MAX_PUNCTUATION_RUN + 1},}}")


def ner_text(body: str) -> str:
    """The part of a body NER reads, with runs of punctuation blanked."""
    return _PUNCTUATION_RUN.sub(lambda m: " " * len(m.group(0)), body[:NER_MAX_CHARS])


# What enrich copies from the parsed article: the fields ``ParsedArticle`` and ``EnrichedArticle``
# share (``tests/unit/test_schemas.py`` checks it against the records).
ENRICHED_FIELDS = (
    "raw_id",
    "raw_ref",
    "article_id",
    "source",
    "source_name",
    "url",
    "title",
    "standfirst",
    "authors",
    "published_at",
    "updated_at",
    "language",
    "body",
    "word_count",
    "content_hash",
    "ingested_at",
)


def load(model: str) -> Any:
    import spacy

    nlp = spacy.load(model, exclude=["parser", "lemmatizer"])
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    nlp._wirestream_name = model  # type: ignore[attr-defined]  # what nlp_model names
    gazetteer()  # build it now, not on the first article
    return nlp


def models(names: dict[str, str]) -> Models:
    """The language -> model map, each model loaded on first use."""
    return Models(names, load)


def enrich(article: dict[str, Any], nlp: Any) -> dict[str, Any]:
    """A parsed article (as a dict) -> the enriched article (as a dict), read by ``nlp``."""
    return enrich_doc(article, nlp(ner_text(article["body"])), model_name(nlp))


def model_name(nlp: Any) -> str:
    """The pipeline's package name, as ``spacy.load`` was given it."""
    return str(getattr(nlp, "_wirestream_name", None) or f"{nlp.lang}_{nlp.meta.get('name')}")


def enrich_many(articles: list[dict[str, Any]], nlp: Models) -> list[dict[str, Any] | str]:
    """Enrich a batch, one ``nlp.pipe`` per language model: for each article its enriched dict,
    or a one-line description of the error if enrichment failed on it (the others are not
    affected)."""
    results: list[dict[str, Any] | str] = [""] * len(articles)
    by_model: dict[str | None, list[int]] = {}
    for i, article in enumerate(articles):
        by_model.setdefault(nlp.name_for(article.get("language")), []).append(i)
    for name, indexes in by_model.items():
        group = [articles[i] for i in indexes]
        try:
            if name is None:
                done = [_guarded(enrich_plain, a) for a in group]
            else:
                model = nlp.get(group[0].get("language"))
                assert model is not None
                done = _enrich_group(group, model[1])
        except Exception as exc:  # noqa: BLE001 - the model failed to load: each article's error
            done = [f"{type(exc).__name__}: {exc}"] * len(group)
        for i, result in zip(indexes, done, strict=True):
            results[i] = result
    return results


def _enrich_group(group: list[dict[str, Any]], nlp: Any) -> list[dict[str, Any] | str]:
    try:
        bodies = [ner_text(a["body"]) for a in group]
        docs = list(nlp.pipe(bodies, batch_size=max(len(group), 1)))
    except Exception:  # noqa: BLE001 - one bad text fails the whole pipe: each on its own then
        return [_guarded(enrich, a, nlp) for a in group]
    name = model_name(nlp)
    return [_guarded(enrich_doc, a, doc, name) for a, doc in zip(group, docs, strict=True)]


def _guarded(function: Any, *args: Any) -> dict[str, Any] | str:
    try:
        return dict(function(*args))
    except Exception as exc:  # noqa: BLE001 - reported as this article's failure
        return f"{type(exc).__name__}: {exc}"


def enrich_doc(article: dict[str, Any], doc: Any, name: str) -> dict[str, Any]:
    """The enriched article from the article and a model's ``Doc`` of its body."""
    body = article["body"]
    language = article.get("language")
    entities, countries = extract(doc, body, gazetteer())
    persons = entities["persons"]
    text = f"{article['title']}\n\n{article.get('standfirst') or ''}\n\n{body}"
    words = article["word_count"]
    english = language == "en"
    return {
        **_copied(article),
        "nlp_model": name,
        "entities": {kind: [e.as_dict() for e in items] for kind, items in entities.items()},
        "quotes": extract_quotes(body, persons),
        "amounts": extract_amounts(doc, body) if english else languages.amounts(body, language),
        "themes": analysis.themes(text, words) if english else [],
        "tone": analysis.tone(body, words) if english else None,
        "keywords": analysis.keywords(doc, article["title"], language),
        "summary": analysis.summary(doc),
        "reading_time_s": analysis.reading_time_s(words),
        "countries": [iso for iso, _ in countries.most_common()],
    }


def enrich_plain(article: dict[str, Any]) -> dict[str, Any]:
    """The enriched article of a language no model here reads: only what needs no model."""
    body, language = article["body"], article.get("language")
    gaz = gazetteer()
    groups, countries = languages.resolved_places(languages.place_spans(body, language, gaz), gaz)
    places = [
        Entity(name, list(mentions), {body[s:e] for s, e in mentions}, place, is_place=True)
        for name, place, mentions in groups
    ]
    return {
        **_copied(article),
        "nlp_model": None,
        "entities": {
            "persons": [],
            "organizations": [],
            "locations": [e.as_dict() for e in places],
        },
        "quotes": extract_quotes(body, []),
        "amounts": languages.amounts(body, language),
        "themes": [],
        "tone": None,
        "keywords": languages.plain_keywords(body, article["title"], language),
        "summary": languages.lead_summary(body),
        "reading_time_s": analysis.reading_time_s(article["word_count"]),
        "countries": [iso for iso, _ in countries.most_common()],
    }


def _copied(article: dict[str, Any]) -> dict[str, Any]:
    return {
        **{k: article.get(k) for k in ENRICHED_FIELDS},
        "version": article["version"],
        "cluster_id": article["article_id"],
    }


# --- process-pool entry points: the models of one pool process ----------------------------
_MODELS: Models | None = None


def init_process(names: dict[str, str], warm: tuple[str, ...] = ("en",)) -> None:
    """Pool initializer. The worker owns its pool's lifecycle: a SIGTERM or Ctrl-C sent to the
    whole process group must not kill the pool under an article in flight."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Born with both blocked (see ``enrich.NlpRunner.run``); ignored now, so unblock.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    init_models(names, warm)


def init_models(names: dict[str, str], warm: tuple[str, ...] = ("en",)) -> None:
    """Set up the models for ``enrich_in_process`` in this process; load the ``warm`` languages'
    models now (the others on first use) and build the gazetteer."""
    global _MODELS
    _MODELS = models(names)
    for language in warm:
        _MODELS.get(language)
    gazetteer()


def enrich_in_process(articles: list[dict[str, Any]]) -> list[dict[str, Any] | str]:
    if _MODELS is None:
        raise RuntimeError("init_process was not run in this process")
    return enrich_many(articles, _MODELS)


def loaded_models() -> list[str]:
    """The models this process has loaded so far."""
    return _MODELS.loaded if _MODELS is not None else []
