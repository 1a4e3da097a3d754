"""A local TCP port that nothing listens on (tests that need a port of their own)."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A port the system just handed out and took back: free to listen on, and refusing
    connections until something does."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
