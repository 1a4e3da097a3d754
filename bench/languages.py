"""``python -m bench.languages``: each language model on a small hand-checked set, and what a
model costs to hold.

- **Entities**: precision and recall of persons, organisations and places per language, on
  short news paragraphs written for this bench whose entities were marked by hand (below; not
  taken from any site), plus the seeds with an "enrich" golden in that language. An entity counts
  when its name is found by the matching kind.
- **Cost**: resident memory of a fresh process before and after loading each model (what a NER
  process adds when the first article of that language arrives), load time, and words/s of
  ``enrich_many`` on the set, beside raw ``nlp.pipe`` on the same texts in the same run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from typing import Any

from workers.nlp.pipeline import enrich_many, load, models
from workers.settings import Settings

# (language, text, {kind: names}) written for this bench; entities marked by hand.
HAND_CHECKED: list[tuple[str, str, dict[str, set[str]]]] = [
    (
        "fr",
        "Le ministre de l'Économie, Bruno Le Maire, a annoncé lundi à Paris un plan de soutien "
        "aux agriculteurs. La FNSEA a salué cette décision, tandis que la Confédération paysanne "
        "l'a jugée insuffisante. Des manifestations sont prévues à Toulouse et à Rennes.",
        {
            "persons": {"Bruno Le Maire"},
            "organizations": {"FNSEA", "Confédération paysanne"},
            "locations": {"Paris", "Toulouse", "Rennes"},
        },
    ),
    (
        "fr",
        "Airbus a livré 60 avions en mars, selon un communiqué publié à Toulouse. Guillaume "
        "Faury, président exécutif du groupe, a déclaré que la production restait freinée par "
        "les fournisseurs. Boeing, son concurrent américain, a livré 29 appareils.",
        {
            "persons": {"Guillaume Faury"},
            "organizations": {"Airbus", "Boeing"},
            "locations": {"Toulouse"},
        },
    ),
    (
        "fr",
        "À Marseille, la maire adjointe Sophie Camard a inauguré une nouvelle école dans le "
        "quartier de la Belle de Mai. L'Éducation nationale prévoit 300 élèves à la rentrée. "
        "La Région Provence-Alpes-Côte d'Azur a financé un tiers des travaux.",
        {
            "persons": {"Sophie Camard"},
            "organizations": {"Éducation nationale"},
            "locations": {"Marseille"},
        },
    ),
    (
        "en",
        "Prime Minister Keir Starmer met Emmanuel Macron in London on Thursday. The Treasury "
        "and the Bank of England said inflation in Britain would fall. Protesters gathered "
        "outside Downing Street and in Manchester.",
        {
            "persons": {"Keir Starmer", "Emmanuel Macron"},
            "organizations": {"Treasury", "Bank of England"},
            "locations": {"London", "Britain", "Manchester"},
        },
    ),
]
KINDS = ("persons", "organizations", "locations")


def article(language: str, text: str, n: int) -> dict[str, Any]:
    return {
        "version": 1,
        "raw_id": f"bench-{n}",
        "raw_ref": f"bench:0:{n}",
        "article_id": f"bench-{n}",
        "title": text.split(".")[0],
        "standfirst": None,
        "body": text,
        "word_count": len(text.split()),
        "language": language,
    }


def scores(language: str, found: list[dict[str, Any]]) -> dict[str, tuple[float, float]]:
    out = {}
    for kind in KINDS:
        tp = fp = fn = 0
        for (lang, _text, gold), result in zip(HAND_CHECKED, found, strict=True):
            if lang != language:
                continue
            got = {e["name"] for e in result["entities"][kind]}
            tp += len(got & gold[kind])
            fp += len(got - gold[kind])
            fn += len(gold[kind] - got)
        out[kind] = (tp / max(tp + fp, 1), tp / max(tp + fn, 1))
    return out


_COST = (
    "import sys, time\n"
    "from workers.nlp.geo import gazetteer\n"
    "from workers.nlp.pipeline import load\n"
    "def rss():\n"
    "    status = open('/proc/self/status').read()\n"
    "    return int(status.split('VmRSS:')[1].split()[0])\n"
    "gazetteer()\n"
    "before = rss()\n"
    "start = time.perf_counter()\n"
    "load(sys.argv[1])\n"
    "print(time.perf_counter() - start, before, rss())\n"
)


def load_cost(model: str) -> tuple[float, float, float]:
    """Seconds to load, RSS before and after (MiB), in a fresh process that has imported
    spaCy and built the gazetteer already (as a NER process has)."""
    out = subprocess.run(
        [sys.executable, "-c", _COST, model], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), int(out[1]) / 1024, int(out[2]) / 1024


def main() -> None:
    argparse.ArgumentParser(description=__doc__).parse_args()
    report()


def report() -> None:
    names = Settings().models
    nlp = models(names)
    articles = [article(lang, text, n) for n, (lang, text, _) in enumerate(HAND_CHECKED)]
    found = enrich_many(articles, nlp)
    assert all(isinstance(r, dict) for r in found), found
    results = [r for r in found if isinstance(r, dict)]
    print("Entities on the hand-checked set: precision / recall")
    for language in sorted({lang for lang, _, _ in HAND_CHECKED}):
        figures = scores(language, results)
        cells = ", ".join(f"{k} {p:.2f} / {r:.2f}" for k, (p, r) in figures.items())
        print(f"  {language} ({names.get(language)}): {cells}")
    print("Cost of holding each model (fresh process)")
    for language, model in sorted(names.items()):
        seconds, before, after = load_cost(model)
        texts = [text for lang, text, _ in HAND_CHECKED if lang == language] * 20
        pipeline = load(model)
        start = time.perf_counter()
        list(pipeline.pipe(texts))
        raw = time.perf_counter() - start
        batch = [article(language, t, n) for n, t in enumerate(texts)]
        start = time.perf_counter()
        enrich_many(batch, nlp)
        stage = time.perf_counter() - start
        print(
            f"  {language} {model}: load {seconds:.1f} s, RSS {before:.0f} -> {after:.0f} MiB "
            f"(+{after - before:.0f}); enrich {len(texts) / stage:.0f} texts/s, "
            f"{stage / raw:.2f}x raw nlp.pipe's time"
        )
    plain = [article("de", "Der Stadtrat in Köln hat 210 Millionen Euro bewilligt. " * 20, 0)]
    start = time.perf_counter()
    for _ in range(50):
        enrich_many(plain, nlp)
    print(f"  de (no model): {50 / (time.perf_counter() - start):.0f} articles/s of 180 words")


if __name__ == "__main__":
    main()
