"""Settings shared by every service: read from the environment only, with local defaults."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Development-only secrets: good enough for a laptop, refused in production.
DEV_JWT_SECRET = "wmo-suite-dev-jwt-secret-do-not-use-in-production"  # noqa: S105
DEV_PSEUDONYM_KEY = "wmo-suite-dev-pseudonym-key"
DEV_FIELD_KEY = "ZGV2LWZpZWxkLWtleS0zMi1ieXRlcy1sb25nLS0tLS0="  # base64 of 32 bytes


class CommonSettings(BaseSettings):
    """What every service needs; a service subclasses it for what it adds."""

    model_config = SettingsConfigDict(env_prefix="", extra="ignore", frozen=True)

    service_name: str = "wmo"
    environment: Literal["development", "test", "production"] = "development"
    api_version: str = "1.0.0"
    oin: str = "00000001234567890000"
    host: str = "127.0.0.1"
    port: int = 8000

    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/wmo"
    # Connections kept open (SQLAlchemy adds 10 more while busy and closes those on return). Five
    # were too few for a process serving a dozen requests at once: every burst above five opened
    # and closed connections, and each new one prepared its statements again (docs/benchmarks.md).
    database_pool_size: int = 15

    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    kafka_partitions: int = 3
    kafka_replication_factor: int = 1
    outbox_poll_seconds: float = 0.5
    outbox_batch_size: int = 500
    consumer_max_attempts: int = 5
    consumer_backoff_seconds: float = 0.2
    consumers_enabled: bool = True
    # Which part of the service this process runs (docs/scaling.md): `all` (one process, as
    # `make run` does), `api` (HTTP only), `worker` (outbox relay and consumers) or `scheduler`
    # (periodic work and retention). One image, one setting.
    process_role: Literal["all", "api", "worker", "scheduler"] = "all"
    # The outbox is cut into this many slots by a hash of the event key; a relay holds a slot's
    # advisory lock while it sends, so each key's events leave in order with any number of relay
    # replicas. Every relay of a service must use the same number: change it with the workers
    # stopped.
    outbox_slots: int = Field(default=32, ge=1, le=4096)
    # Retention (docs/scaling.md): sent outbox rows and inbox rows are kept well past Kafka's
    # retention (7 days), so a redelivered event always meets its inbox row; audit records for
    # the term the records they account for are kept (7 years), then removed.
    outbox_retention_days: int = Field(default=30, ge=8)
    inbox_retention_days: int = Field(default=30, ge=8)
    audit_retention_days: int = Field(default=7 * 365 + 2, ge=365)
    retention_interval_seconds: float = Field(default=3600.0, gt=0)
    retention_batch_size: int = Field(default=5000, ge=1)
    operations_monitor_seconds: float = 15.0
    # Where the console finds the five services (one JSON object, e.g. {"access": "http://..."}).
    suite_urls: dict[str, str] = Field(
        default_factory=lambda: {
            "access": "http://127.0.0.1:8001",
            "contracting": "http://127.0.0.1:8002",
            "providers": "http://127.0.0.1:8003",
            "finance": "http://127.0.0.1:8004",
            "gateway": "http://127.0.0.1:8005",
        }
    )

    jwt_secret: str = DEV_JWT_SECRET
    jwt_issuer: str = "wmo-suite-dev"
    jwt_audience: str = "wmo-suite"
    jwks_url: str | None = None

    pseudonym_key: str = DEV_PSEUDONYM_KEY
    # One AES-256 key per purpose (base64), named FIELD_KEY_<PURPOSE>; a service holds only its own.
    field_key_gateway: str | None = DEV_FIELD_KEY

    cors_origins: list[str] = Field(default_factory=list)
    # A JSON request body larger than this is refused with 413 before it is read in full.
    max_json_body_bytes: int = 1_048_576
    log_level: str = "INFO"
    otlp_endpoint: str | None = None

    @model_validator(mode="after")
    def _no_dev_secrets_in_production(self) -> CommonSettings:
        if self.environment == "production":
            dev_values = {DEV_JWT_SECRET, DEV_PSEUDONYM_KEY, DEV_FIELD_KEY}
            used = [
                name
                for name in ("jwt_secret", "pseudonym_key", "field_key_gateway")
                if getattr(self, name) in dev_values
            ]
            if used:
                raise ValueError(f"development secrets are not allowed in production: {used}")
        return self

    @property
    def source(self) -> str:
        """CloudEvents source of this service (NL GOV profile)."""
        return f"urn:nld:oin:{self.oin}:systeem:{self.service_name}"
