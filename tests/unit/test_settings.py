import re

import pytest

from workers.settings import Settings, Topics


def test_defaults_need_no_environment() -> None:
    s = Settings.from_env({})
    assert s.broker == "kafka://127.0.0.1:9092"
    assert s.store == "memory://"
    assert s.topics == Topics()
    assert s.topics.dead_letter == "articles.dead-letter"
    assert s.web_host == "127.0.0.1"


def test_every_variable_is_read_and_typed() -> None:
    s = Settings.from_env(
        {
            "WIRESTREAM_BROKER": "kafka://a:1;kafka://b:2",
            "WIRESTREAM_PARTITIONS": "8",
            "WIRESTREAM_NEAR_THRESHOLD": "0.7",
            "WIRESTREAM_TOPIC_RAW": "x.raw",
            "WIRESTREAM_WEB_PORT": "7000",
            "WIRESTREAM_NLP_MODELS": "en=en_core_web_md, DE = de_core_news_lg",
            "WIRESTREAM_ENRICH_BATCH_LINGER_S": "0.2",
        }
    )
    assert s.partitions == 8 and s.near_threshold == 0.7 and s.web_port == 7000
    assert s.topics.raw == "x.raw" and s.topics.parsed == "articles.parsed"
    assert s.bootstrap_servers == "a:1,b:2"
    assert s.faust_broker == "kafka://a:1;kafka://b:2"
    assert (
        s.models == {"en": "en_core_web_md", "de": "de_core_news_lg"}
        and s.enrich_batch_linger_s == 0.2
    )


def test_plain_host_port_lists_are_accepted() -> None:
    assert Settings(broker="a:1,b:2").faust_broker == "kafka://a:1;kafka://b:2"


@pytest.mark.parametrize(
    "env",
    [
        {"WIRESTREAM_LSH_BANDS": "100"},
        {"WIRESTREAM_LOG_FORMAT": "xml"},
        {"WIRESTREAM_PARTITIONS": "many"},
        {"WIRESTREAM_ENRICH_BATCH_SIZE": "0"},
        {"WIRESTREAM_NLP_MODELS": "en_core_web_sm"},
        {"WIRESTREAM_STAGES": "dedup,index"},
        {"WIRESTREAM_STAGES": " , "},
    ],
)
def test_bad_values_fail_at_start(env: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        Settings.from_env(env)


def test_stages_are_read_in_the_order_the_data_flows() -> None:
    assert Settings().stage_names == ("parse", "dedup", "enrich", "counts")
    assert Settings.from_env({"WIRESTREAM_STAGES": " Enrich,parse "}).stage_names == (
        "parse",
        "enrich",
    )


@pytest.mark.parametrize(
    ("stages", "agents", "tables"),
    [
        ("dedup", ["dedup"], ["dedup_index_v2"]),
        (
            "parse,enrich,counts",
            ["count", "enrich", "parse"],
            ["counts_by_source", "enriched_ids", "parse_attempts"],
        ),
    ],
)
def test_a_worker_imports_only_its_stages(
    stages: str, agents: list[str], tables: list[str]
) -> None:
    """A fresh interpreter, as a worker starts: its agents and tables are its stages' own, and a
    dedup worker imports no NLP."""
    import json
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    script = (
        "import json, sys\n"
        "from workers.runtime.app import app, load_modules\n"
        "load_modules()\n"
        "print(json.dumps([sorted(a.rsplit('.', 1)[1] for a in app.agents), sorted(app.tables),"
        " any(m.startswith(('workers.nlp', 'spacy')) for m in sys.modules)]))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIRESTREAM_")}
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={**env, "WIRESTREAM_STAGES": stages},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    found_agents, found_tables, nlp = json.loads(done.stdout.strip().splitlines()[-1])
    assert (found_agents, found_tables) == (agents, tables)
    assert nlp == ("enrich" in stages)


def test_every_setting_is_documented_once_and_the_readme_shows_the_table() -> None:
    from tests.conftest import ROOT
    from workers.settings import DOCS, Topics, markdown_table, variables

    fields = [n for n in Settings.__dataclass_fields__ if n != "topics"]
    assert set(DOCS) == {*fields, *(f"topic_{r}" for r in Topics.__dataclass_fields__)}
    readme = (ROOT / "README.md").read_text()
    begin, end = "<!-- settings:begin -->\n", "\n<!-- settings:end -->"
    shown = readme[readme.index(begin) + len(begin) : readme.index(end)]
    assert shown == markdown_table(), "regenerate it: python -m workers.settings"
    known = {v for v, _, _ in variables()}
    compose = (ROOT / "docker-compose.yml").read_text()
    in_compose = set(re.findall(r"^\s+(WIRESTREAM_\w+):", compose, re.M))
    assert "WIRESTREAM_BROKER" in in_compose and in_compose <= known, in_compose - known
