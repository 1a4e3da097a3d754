"""``python -m bench.headline``: fit the weights of the whole-page headline scorer on the tune
split of ``bench.parse`` and its extra tune pages (``bench.extra_pages``, where ``go`` is
installed), and print them as ``workers.parsing.wholepage.HEADLINE_WEIGHTS``.

Each tune page is rendered as whole-page text and as Markdown, and by w3m and lynx where they
are installed (the whole-page inputs of ``bench.parse``); in each, the stage's line classifier
finds the body, and every headline candidate gets its ``headline_features`` (its URL's slug
given, as a message's envelope gives it). A candidate is
right when it is the page's own title (``bench.parse.Page.titled``: its metadata's, or the
headline it prints, checked by hand). The weights are those of a conditional logit over each
page's candidates (the softmax of the weighted sums, trained to put the mass on the right
candidates), with an L2 penalty, fitted by gradient descent in numpy.

Held-out pages are never read here: their figures come from ``python -m bench.parse`` once the
weights are in the code. Printed: on the tune pages whose title is among the candidates, how
often the current weights and the fitted ones pick it.

``--folds K``: instead of one fit, cross-validation by site: the tune sites in K groups, each
group's dumps counted with weights fitted on the others' (a site's dumps are never on both
sides). The same for the features and for the features with every pairwise product of them
added (a model with more room than a weighted sum): where the second does not pick better on
sites it was not fitted on, the features, not the model, bound the headline scorer.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
from collections.abc import Callable

import numpy as np

from bench.extra_pages import load_extra
from bench.parse import TEXT_BROWSERS, Page, load, render_markdown, render_text, render_with
from bench.trafilatura_pages import load_trafilatura
from workers.parsing.textdump import dump_lines
from workers.parsing.urls import slug_words
from workers.parsing.wholepage import HEADLINE_WEIGHTS, HeadlineContext, Layout, headline_features

FEATURES = list(HEADLINE_WEIGHTS)


Group = tuple[np.ndarray, np.ndarray]  # a dump's candidates' features, and which are right


def candidates(page: Page, dump: str) -> tuple[np.ndarray, np.ndarray] | None:
    """The features of the headline candidates in a dump of the page, and which are its title;
    None when the body is not found."""
    lines, marks = dump_lines(dump)
    layout = Layout.of(lines, marks=marks)
    if layout.end == 0:
        return None
    context = HeadlineContext.of(layout, marks.headings, slug_words(page.url))
    at = context.candidates()
    if not at:
        return None
    rows = [[headline_features(context, i)[name] for name in FEATURES] for i in at]
    right = [page.titled(layout.classed[i].text.strip()) for i in at]
    return np.array(rows, dtype=float), np.array(right, dtype=bool)


def picked_right(groups: list[tuple[np.ndarray, np.ndarray]], weights: np.ndarray) -> float:
    return sum(bool(right[int(np.argmax(x @ weights))]) for x, right in groups) / len(groups)


def fit(
    groups: list[tuple[np.ndarray, np.ndarray]],
    l2: float,
    steps: int,
    rate: float,
    start: np.ndarray | None = None,
    free: np.ndarray | None = None,
) -> np.ndarray:
    """The fitted weights; with ``start`` and ``free``, only the free ones move from ``start``."""
    weights = np.zeros(len(FEATURES)) if start is None else start.copy()
    mask = np.ones(len(weights)) if free is None else free.astype(float)
    for _ in range(steps):
        gradient = l2 * weights
        for x, right in groups:
            logits = x @ weights
            p = np.exp(logits - logits.max())
            p /= p.sum()
            q = np.where(right, p, 0.0)
            q /= q.sum()
            gradient += x.T @ (p - q) / len(groups)
        weights -= rate * gradient * mask
    return weights


def with_products(x: np.ndarray) -> np.ndarray:
    """The features and every product of two of them."""
    first, second = np.triu_indices(x.shape[1], 1)
    return np.hstack([x, x[:, first] * x[:, second]])


def cross_validated(
    sites: list[str], groups: list[Group], folds: int, l2: float, steps: int, rate: float
) -> float:
    """Right picks on each fold of sites, by weights fitted on the other folds."""
    fold_of = [int(hashlib.sha1(site.encode()).hexdigest(), 16) % folds for site in sites]
    right = 0
    for fold in range(folds):
        train = [g for g, f in zip(groups, fold_of, strict=True) if f != fold]
        test = [g for g, f in zip(groups, fold_of, strict=True) if f == fold]
        weights = fit(train, l2, steps, rate, np.zeros(train[0][0].shape[1]))
        right += sum(bool(y[int(np.argmax(x @ weights))]) for x, y in test)
    return right / len(groups)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--l2", type=float, default=0.01)
    parser.add_argument("--steps", type=int, default=3000)
    parser.add_argument("--rate", type=float, default=0.5)
    parser.add_argument(
        "--only",
        nargs="+",
        choices=FEATURES,
        help="fit these weights alone, the others kept at their current values",
    )
    parser.add_argument("--folds", type=int, help="cross-validate by site in this many folds")
    args = parser.parse_args()
    tune = [p for p in load() if not p.held_out and p.title]
    extra = load_extra()  # the extra tune pages, where ``go`` is here
    tune += [p for p in extra if p.title]
    more = load_trafilatura({p.host for p in extra})  # trafilatura's pages of tune sites
    tune += [p for p in more if not p.held_out and p.title]
    renders: list[Callable[[str], str]] = [render_text, render_markdown]
    renders += [render_with(browser) for browser in TEXT_BROWSERS if shutil.which(browser)]
    found = [(p.host or p.id, candidates(p, render(p.html))) for p in tune for render in renders]
    learnable = [(site, g) for site, g in found if g is not None and g[1].any()]
    groups = [g for _, g in learnable]
    print(
        f"{len(tune)} tune pages, {len(found)} dumps; the title is among the candidates in "
        f"{len(groups)} (the others cannot be learned from)"
    )
    if args.folds:
        sites = [site for site, _ in learnable]
        print(f"{len(set(sites))} sites in {args.folds} folds; right picks on the sites left out:")
        for label, groups_of in (
            ("the features (a weighted sum)", groups),
            ("with their pairwise products", [(with_products(x), y) for x, y in groups]),
        ):
            rate = cross_validated(sites, groups_of, args.folds, args.l2, args.steps, args.rate)
            print(f"  {label}: {rate:.3f}")
        return
    current = np.array([HEADLINE_WEIGHTS[name] for name in FEATURES])
    if args.only:
        free = np.array([name in args.only for name in FEATURES])
        fitted = fit(groups, args.l2, args.steps, args.rate, current, free)
    else:
        fitted = fit(groups, args.l2, args.steps, args.rate)
    print(f"right pick, current weights: {picked_right(groups, current):.3f}")
    print(f"right pick, fitted weights:  {picked_right(groups, fitted):.3f}")
    print("HEADLINE_WEIGHTS = {")
    for name, weight in zip(FEATURES, fitted, strict=True):
        print(f'    "{name}": {weight:.2f},')
    print("}")


if __name__ == "__main__":
    main()
