"""Events: the envelope, the registry, the catalogue of payload types, outbox, inbox and consumer.

Importing this package registers every event type of the catalogue.
"""

from wmo_common.events import access, contracting, finance, gateway, providers
from wmo_common.events.envelope import CloudEvent
from wmo_common.events.registry import REGISTRY, Event, parse_event

__all__ = [
    "REGISTRY",
    "CloudEvent",
    "Event",
    "access",
    "contracting",
    "finance",
    "gateway",
    "parse_event",
    "providers",
]
