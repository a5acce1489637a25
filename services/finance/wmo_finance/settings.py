from wmo_common.settings import CommonSettings


class Settings(CommonSettings):
    service_name: str = "finance"
    port: int = 8004
    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/wmo_finance"
