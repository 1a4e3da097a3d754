"""Themes, tone, keywords, summary and reading time of an article.

Themes: a documented taxonomy (``workers/data/themes.tsv``, 28 themes) scored by cue hits per
100 words, capped at 1. Tone, as GDELT counts it: the share of positive and negative words
(``workers/data/tone.tsv``) per 100 words, and their difference. Keywords: nouns and proper
nouns ranked by frequency, weighted towards the title and lead (no LGPL/GPL dependency).
"""

from __future__ import annotations

from typing import Any

from workers.nlp.languages import is_stopword
from workers.nlp.lexicon import table

WORDS_PER_MINUTE = 238
MIN_THEME_SCORE = 0.1


def themes(text: str, word_count: int) -> list[dict[str, Any]]:
    per100 = max(word_count, 1) / 100
    scored = []
    for theme, pattern in table("themes.tsv"):
        hits = len(pattern.findall(text))
        score = round(min(1.0, hits / per100 / 3), 3)
        if score >= MIN_THEME_SCORE:
            scored.append({"theme": theme, "score": score, "hits": hits})
    return sorted(scored, key=lambda t: (-t["score"], t["theme"]))


def tone(text: str, word_count: int) -> dict[str, float]:
    per100 = max(word_count, 1) / 100
    polarity = {name: len(pattern.findall(text)) / per100 for name, pattern in table("tone.tsv")}
    positive, negative = polarity.get("positive", 0.0), polarity.get("negative", 0.0)
    return {
        "positive": round(positive, 3),
        "negative": round(negative, 3),
        "overall": round(positive - negative, 3),
        "polarity": round(positive + negative, 3),
    }


def keywords(doc: Any, title: str, language: str | None = "en", limit: int = 10) -> list[str]:
    """Nouns and proper nouns by weighted frequency; neither spaCy's nor stopwordsiso's
    stopwords of the language."""
    title_words = {w.lower() for w in title.split()}
    scores: dict[str, float] = {}
    n = max(len(doc), 1)
    for token in doc:
        if token.pos_ not in ("NOUN", "PROPN") or token.is_stop or len(token.text) < 3:
            continue
        if is_stopword(token.text, language):
            continue
        if not token.text.isalpha():
            continue
        word = token.text if token.pos_ == "PROPN" else token.text.lower()
        weight = (
            1.0
            + (1.0 if token.text.lower() in title_words else 0.0)
            + (0.5 if token.i < n * 0.2 else 0.0)
        )
        scores[word] = scores.get(word, 0.0) + weight
    return [w for w, _ in sorted(scores.items(), key=lambda kv: -kv[1])[:limit]]


def summary(doc: Any, max_words: int = 60) -> str:
    """The lead sentences, up to about ``max_words``."""
    chosen: list[str] = []
    count = 0
    for sentence in doc.sents:
        text = " ".join(sentence.text.split())
        if not text:
            continue
        chosen.append(text)
        count += len(text.split())
        if count >= max_words * 0.5:
            break
    return " ".join(chosen)


def reading_time_s(word_count: int) -> int:
    return round(word_count / WORDS_PER_MINUTE * 60)
