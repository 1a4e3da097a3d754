"""Targeted corrections to faust-streaming 0.15.3 that the pipeline's guarantees depend on.

Gap filling. When a fetched offset skips ahead of the last one read, Faust records the skipped
range as a "gap" and counts it as acknowledged at the next commit. That is meant for compacted
or transactional topics, where offsets really are missing. The pipeline's topics are neither, so
the only gaps it can see come from seeks around a rebalance. There, counting the range as done
commits offsets past messages that no agent has processed, and they are lost (our rebalance test
lost 36 messages this way). With gap filling off, a commit never passes an unacknowledged
offset.
"""

from __future__ import annotations

import logging

from faust.transport.consumer import Consumer

logger = logging.getLogger(__name__)


async def _no_gap(self: Consumer, tp: object, offset_from: int, offset_to: int) -> None:
    logger.debug("offset gap %s [%d, %d) not counted as acknowledged", tp, offset_from, offset_to)


def apply() -> None:
    Consumer._add_gap = _no_gap  # type: ignore[method-assign]
