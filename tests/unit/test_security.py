"""Connection options from the settings: the same for Faust and for the plain aiokafka clients."""

from __future__ import annotations

import ssl

import faust
import pytest

from workers.security import client_options, faust_credentials
from workers.settings import Settings


def test_plaintext_by_default() -> None:
    settings = Settings(broker="kafka://h1:9092;kafka://h2:9092")
    assert client_options(settings) == {
        "bootstrap_servers": "h1:9092,h2:9092",
        "security_protocol": "PLAINTEXT",
    }
    assert faust_credentials(settings) is None


def test_scram_over_tls() -> None:
    settings = Settings.from_env(
        {
            "WIRESTREAM_SECURITY_PROTOCOL": "SASL_SSL",
            "WIRESTREAM_SASL_USERNAME": "ingest",
            "WIRESTREAM_SASL_PASSWORD": "hunter2",
        }
    )
    options = client_options(settings)
    assert options["security_protocol"] == "SASL_SSL"
    assert options["sasl_mechanism"] == "SCRAM-SHA-512"
    assert (options["sasl_plain_username"], options["sasl_plain_password"]) == ("ingest", "hunter2")
    context = options["ssl_context"]
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    credentials = faust_credentials(settings)
    assert isinstance(credentials, faust.SASLCredentials)
    assert credentials.protocol.value == "SASL_SSL"
    assert credentials.mechanism.value == "SCRAM-SHA-512"


def test_sasl_without_tls_and_tls_without_sasl() -> None:
    plain = Settings(security_protocol="SASL_PLAINTEXT", sasl_username="u", sasl_password="p")
    assert "ssl_context" not in client_options(plain)
    assert faust_credentials(plain).protocol.value == "SASL_PLAINTEXT"  # type: ignore[union-attr]
    tls = Settings(security_protocol="SSL")
    assert "sasl_mechanism" not in client_options(tls)
    assert isinstance(faust_credentials(tls), faust.SSLCredentials)


def test_the_password_is_not_in_the_settings_repr() -> None:
    assert "hunter2" not in repr(Settings(sasl_password="hunter2"))


@pytest.mark.parametrize(
    ("name", "value"),
    [("WIRESTREAM_SECURITY_PROTOCOL", "TLS"), ("WIRESTREAM_SASL_MECHANISM", "GSSAPI")],
)
def test_unknown_protocols_and_mechanisms_are_refused(name: str, value: str) -> None:
    with pytest.raises(ValueError, match=name):
        Settings.from_env({name: value})


def test_html_parsing_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page full of remote references parses with every way out of the process blocked."""
    import socket

    from workers.parsing.article import parse_at
    from workers.records import Position

    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)  # recorded, since a library might swallow the error
        raise OSError("network access attempted")

    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    remote = (
        '<link rel="stylesheet" href="http://203.0.113.9/a.css">'
        '<script src="https://203.0.113.9/a.js"></script>'
        '<meta http-equiv="refresh" content="0; url=http://203.0.113.9/">'
        '<base href="http://203.0.113.9/">'
    )
    paragraphs = "".join(
        f"<p>Paragraph {i} of the council report on flood defences, with more words in it.</p>"
        f'<img src="http://203.0.113.9/{i}.jpg"><iframe src="http://203.0.113.9/{i}"></iframe>'
        for i in range(12)
    )
    page = (
        f"<html><head><title>Flood defences</title>{remote}</head><body><article>"
        f"<h1>Flood defences</h1>{paragraphs}</article></body></html>"
    )
    article = parse_at(page.encode(), Position("articles.raw", 0, 0, 0.0), Settings())
    assert article.content_type == "text/html"
    assert article.body.count("Paragraph") >= 10, article.body
    assert attempts == []


def test_no_pickle_on_the_wire() -> None:
    """Every topic and table of the app uses the JSON or raw codec, never Faust's pickle."""
    from workers.runtime.app import app

    for name in (
        "workers.stages.parse",
        "workers.stages.dedup",
        "workers.stages.enrich",
        "workers.stages.counts",
    ):
        __import__(name)
    channels = [agent.channel for agent in app.agents.values()]
    channels += [table.changelog_topic for table in app.tables.values()]
    assert len(channels) >= 7  # four agents, three tables
    for channel in channels:
        codecs = {channel.value_serializer, channel.key_serializer}
        assert codecs <= {"json", "raw", None}, channel
    assert (app.conf.value_serializer, app.conf.key_serializer) == ("json", "raw")
