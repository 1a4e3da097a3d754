"""Direct quotations, their speakers (resolved to person entities) and reporting verbs.

Opening and closing marks may be curly, straight or mismatched (the seed closes a quote it opens
with ``”``). The speaker is the person named nearest a reporting verb in the quote's paragraph;
a paragraph that is only a quotation continues the previous speaker.
"""

from __future__ import annotations

import re
from typing import Any

from workers.nlp.entities import Entity

# Opening and closing marks of English, German („…“, »…«), French and Spanish («…») quotes.
_QUOTE = re.compile(r"[\"“”„«»]\s*(?P<text>[^\"“”„«»]{12,2000}?)\s*[\"“”»«]")
VERBS = (
    "said|says|say|told|tells|added|adds|warned|warns|claimed|claims|insisted|insists|explained|"
    "asked|replied|stated|wrote|writes|noted|argued|argues|declared|announced|admitted|"
    "according to|continued|urged|stressed|acknowledged|conceded|suggested|believes|believed|"
    # French, Spanish, Italian, German reporting verbs (a quote's speaker is still only ever a
    # person a model tagged, so these matter where a model reads the language)
    "déclaré|affirmé|expliqué|explique|estime|souligné|selon|"
    "afirmó|dijo|declaró|explicó|según|"
    "dichiarato|detto|spiegato|secondo|"
    "sagte|erklärte|betonte|laut"
)
_VERB = re.compile(rf"\b(?P<verb>{VERBS})\b", re.I)
MIN_WORDS = 6


def _paragraphs(body: str) -> list[tuple[int, str]]:
    out, offset = [], 0
    for part in body.split("\n\n"):
        out.append((offset, part))
        offset += len(part) + 2
    return out


def _speaker_at(
    persons: list[Entity], body: str, start: int, end: int, anchor: int
) -> Entity | None:
    """The person named in [start, end) closest to ``anchor``: a tagged mention, or a surname
    the tagger missed there ("... Ellery told reporters")."""
    best: tuple[int, Entity] | None = None
    for person in persons:
        spots = [s for s, e in person.mentions if start <= s and e <= end]
        surname = person.name.split()[-1]
        if len(person.name.split()) > 1:
            pattern = rf"\b{re.escape(surname)}\b"
            spots += [start + m.start() for m in re.finditer(pattern, body[start:end])]
        for spot in spots:
            distance = abs(spot - anchor)
            if best is None or distance < best[0]:
                best = (distance, person)
    return best[1] if best else None


def extract_quotes(body: str, persons: list[Entity]) -> list[dict[str, Any]]:
    quotes: list[dict[str, Any]] = []
    previous: Entity | None = None
    for offset, paragraph in _paragraphs(body):
        found = [m for m in _QUOTE.finditer(paragraph) if len(m.group("text").split()) >= MIN_WORDS]
        if not found:
            previous = None
            continue
        outside = _QUOTE.sub(lambda m: " " * len(m.group(0)), paragraph)
        masked = body[:offset] + outside + body[offset + len(paragraph) :]
        verb = _VERB.search(outside)
        anchor = offset + (verb.start() if verb else 0)
        speaker = (
            _speaker_at(persons, masked, offset, offset + len(paragraph), anchor) if verb else None
        )
        if speaker is None and not outside.strip(" .,:;"):
            speaker = previous  # a paragraph that is only a quote continues the last speaker
        for m in found:
            quotes.append(
                {
                    "text": m.group("text").strip(),
                    "speaker": speaker.name if speaker else None,
                    "verb": verb.group("verb").lower() if verb else None,
                    "start": offset + m.start("text"),
                    "end": offset + m.end("text"),
                }
            )
        previous = speaker
    return quotes
