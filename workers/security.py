"""How every Kafka client of Wirestream connects: plain, TLS, SASL (SCRAM) or SASL over TLS.

One place turns the settings into connection options, for Faust (``broker_credentials``) and
for the plain aiokafka clients (topic admin, lag watchdog, publish, tail, demo), so that the
worker never talks to one broker two ways. TLS verifies the broker's certificate and host name;
the password lives only in the settings (``repr=False``) and in the client objects.
"""

from __future__ import annotations

import ssl
from typing import Any

import faust

from workers.settings import Settings


def ssl_context(settings: Settings) -> ssl.SSLContext | None:
    """The TLS context for the broker connection, or None when the protocol has no TLS."""
    if not settings.uses_tls:
        return None
    context = ssl.create_default_context(
        ssl.Purpose.SERVER_AUTH, cafile=settings.ssl_cafile or None
    )
    if settings.ssl_certfile:
        context.load_cert_chain(settings.ssl_certfile, settings.ssl_keyfile or None)
    return context


def faust_credentials(settings: Settings) -> faust.types.auth.CredentialsT | None:
    """What ``faust.App(broker_credentials=...)`` needs; None for a plaintext broker."""
    context = ssl_context(settings)
    if settings.uses_sasl:
        # SASLCredentials picks SASL_SSL itself when given a context, SASL_PLAINTEXT otherwise.
        return faust.SASLCredentials(
            username=settings.sasl_username,
            password=settings.sasl_password,
            mechanism=settings.sasl_mechanism,
            ssl_context=context,
        )
    if context is not None:
        return faust.SSLCredentials(context)
    return None


def client_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for an aiokafka producer, consumer or admin client."""
    options: dict[str, Any] = {
        "bootstrap_servers": settings.bootstrap_servers,
        "security_protocol": settings.security_protocol,
    }
    if settings.uses_tls:
        options["ssl_context"] = ssl_context(settings)
    if settings.uses_sasl:
        options.update(
            sasl_mechanism=settings.sasl_mechanism,
            sasl_plain_username=settings.sasl_username,
            sasl_plain_password=settings.sasl_password,
        )
    return options
