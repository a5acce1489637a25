from pydantic import Field

from wmo_common.settings import CommonSettings


class Settings(CommonSettings):
    service_name: str = "gateway"
    port: int = 8005
    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/wmo_gateway"
    # OP179: the standard's largest message; a larger body is refused before it is read whole.
    max_bericht_bytes: int = 25 * 1024 * 1024
    # How long an `Idempotency-Key` (or StUF referentienummer) answers a retry with the first
    # answer; retention removes older keys (docs/scaling.md). A transport retry comes within
    # minutes or days, never after a month.
    idempotency_key_retention_days: int = Field(default=30, ge=1)
    # The longest a received bericht may take to validate before it counts as failed (transient).
    verwerking_timeout_seconds: float = 30.0
    # How many berichten are validated at once per process; the rest wait their turn. Each large
    # bericht needs a parse tree of tens of MB: this bounds memory when many arrive together.
    gelijktijdige_controles: int = 2
    # The GGk interface (docs/ggk.md). Where the GGk's StUF-GGK web service takes our Di01, Du01
    # and Fo01 envelopes; unset, nothing is sent to a GGk (the HTTP outbox still serves).
    ggk_endpoint: str | None = None
    # The mutual-TLS listener the GGk calls (ggk_Di01, ggk_Du01, Fo01); unset, none is opened.
    ggk_port: int | None = None
    ggk_host: str = "127.0.0.1"
    # Our PKIoverheid certificate and key (PEM), and the CA bundle that signs the GGk's: the
    # listener only admits a client with a certificate from it, the sender only trusts it.
    ggk_certificaat: str | None = None
    ggk_sleutel: str | None = None
    ggk_ca: str | None = None
    # The OINs (certificate subject serialNumber) allowed to call the listener: the GGk's.
    ggk_oins: tuple[str, ...] = ()
    ggk_poll_seconds: float = 1.0
    ggk_batch_size: int = 50
    # Back-off between tries of one envelope: doubling from the first, up to the longest.
    ggk_backoff_first_seconds: float = 2.0
    ggk_backoff_max_seconds: float = 300.0
