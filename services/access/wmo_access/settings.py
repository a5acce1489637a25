from wmo_common.settings import CommonSettings


class Settings(CommonSettings):
    service_name: str = "access"
    port: int = 8001
    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/wmo_access"
