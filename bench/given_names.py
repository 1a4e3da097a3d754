"""Make ``workers/data/given_names.txt``: the given names of Faker's person providers (MIT), all
of its locales, case-folded, one a line. The parse stage takes a line of capitalised words for a
byline without its "By" only where its first word is one of these, unless the line sits right
under the headline or prints a time beside it (``workers.parsing.meta.known_given_name``).

    python -m bench.given_names          # writes the file
    python -m bench.given_names --check  # exit 1 if the file is not what the installed Faker gives

Faker is a dev dependency: importing its 86 person providers costs a worker about 60 MB, the
list read from the file about 3 MB.
"""

from __future__ import annotations

import argparse
import importlib
import pathlib
import pkgutil
import sys

OUT = pathlib.Path(__file__).resolve().parent.parent / "workers" / "data" / "given_names.txt"
_ATTRIBUTES = (
    "first_names",
    "first_names_male",
    "first_names_female",
    "first_names_nonbinary",
    # Chinese and Japanese given names as Latin-script bylines spell them ("Wei", "Haruto")
    "first_romanized_names",
    "first_romanized_names_male",
    "first_romanized_names_female",
)


def given_names() -> list[str]:
    import faker  # noqa: PLC0415 - dev dependency
    import faker.providers.person as person  # noqa: PLC0415

    names: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attribute in _ATTRIBUTES:
            found = getattr(provider, attribute, None)
            if isinstance(found, dict | tuple | list):
                words = (n.strip() for n in found)
                names.update(w.casefold() for w in words if w and " " not in w)
    header = f"# given names of Faker {faker.VERSION}'s person providers (MIT), case-folded"
    return [header, *sorted(names)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    text = "\n".join(given_names()) + "\n"
    if parser.parse_args().check:
        same = OUT.read_text(encoding="utf-8") == text
        print(f"{OUT.name}: {'up to date' if same else 'differs from the installed Faker'}")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT}: {text.count(chr(10)) - 1} names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
