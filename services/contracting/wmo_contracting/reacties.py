"""Contracting reacts to no other service's events yet: it only publishes (segments, strategies
and contracts on `contracting.contracten.v1`)."""

from wmo_common.runtime import ConsumerSpec

CONSUMERS: list[ConsumerSpec] = []
