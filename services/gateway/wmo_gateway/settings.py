from wmo_common.settings import CommonSettings


class Settings(CommonSettings):
    service_name: str = "gateway"
    port: int = 8005
    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/wmo_gateway"
    # OP179: the standard's largest message; a larger body is refused before it is read whole.
    max_bericht_bytes: int = 25 * 1024 * 1024
    # The longest a received bericht may take to validate before it counts as failed (transient).
    verwerking_timeout_seconds: float = 30.0
