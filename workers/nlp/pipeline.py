"""The whole enrichment of an article, or of a batch, as a pure function of the articles and a
loaded model.

``load`` builds the spaCy pipeline once per process: the model name is a setting, the parser
and lemmatizer are left out (the sentence recogniser does the sentences) for speed. This module
imports neither Faust nor the app, so a process pool can import it cheaply.
"""

from __future__ import annotations

import signal
from typing import Any

from workers.nlp import analysis
from workers.nlp.amounts import extract_amounts
from workers.nlp.entities import extract
from workers.nlp.geo import gazetteer
from workers.nlp.quotes import extract_quotes

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
    gazetteer()  # build it now, not on the first article
    return nlp


def enrich(article: dict[str, Any], nlp: Any) -> dict[str, Any]:
    """A parsed article (as a dict) -> the enriched article (as a dict)."""
    return enrich_doc(article, nlp(article["body"]))


def enrich_many(articles: list[dict[str, Any]], nlp: Any) -> list[dict[str, Any] | str]:
    """Enrich a batch with one ``nlp.pipe``: for each article its enriched dict, or a one-line
    description of the error if the pipeline failed on it (the others are not affected)."""
    try:
        docs = list(nlp.pipe([a["body"] for a in articles], batch_size=max(len(articles), 1)))
    except Exception:  # noqa: BLE001 - one bad text fails the whole pipe: each on its own then
        docs = [None] * len(articles)
    results: list[dict[str, Any] | str] = []
    for article, doc in zip(articles, docs, strict=True):
        try:
            results.append(enrich(article, nlp) if doc is None else enrich_doc(article, doc))
        except Exception as exc:  # noqa: BLE001 - reported as this article's failure
            results.append(f"{type(exc).__name__}: {exc}")
    return results


def enrich_doc(article: dict[str, Any], doc: Any) -> dict[str, Any]:
    """The enriched article from the article and spaCy's ``Doc`` of its body."""
    body = article["body"]
    entities, countries = extract(doc, body, gazetteer())
    persons = entities["persons"]
    text = f"{article['title']}\n\n{article.get('standfirst') or ''}\n\n{body}"
    words = article["word_count"]
    return {
        **{k: article.get(k) for k in ENRICHED_FIELDS},
        "version": article["version"],
        "cluster_id": article["article_id"],
        "entities": {kind: [e.as_dict() for e in items] for kind, items in entities.items()},
        "quotes": extract_quotes(body, persons),
        "amounts": extract_amounts(doc, body),
        "themes": analysis.themes(text, words),
        "tone": analysis.tone(body, words),
        "keywords": analysis.keywords(doc, article["title"]),
        "summary": analysis.summary(doc),
        "reading_time_s": analysis.reading_time_s(words),
        "countries": [iso for iso, _ in countries.most_common()],
    }


# --- process-pool entry points: one model per pool process --------------------------------
_NLP: Any = None


def init_process(model: str) -> None:
    """Pool initializer. The worker owns its pool's lifecycle: a SIGTERM or Ctrl-C sent to the
    whole process group must not kill the pool under an article in flight."""
    global _NLP
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Born with both blocked (see ``enrich.NlpRunner.run``); ignored now, so unblock.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    init_model(model)


def init_model(model: str) -> None:
    """Load the model for ``enrich_in_process`` in this process (or thread's process)."""
    global _NLP
    _NLP = load(model)


def enrich_in_process(articles: list[dict[str, Any]]) -> list[dict[str, Any] | str]:
    if _NLP is None:
        raise RuntimeError("init_process was not run in this process")
    return enrich_many(articles, _NLP)
