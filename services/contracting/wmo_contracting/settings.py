from wmo_common.settings import CommonSettings


class Settings(CommonSettings):
    service_name: str = "contracting"
    port: int = 8002
    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/wmo_contracting"
    # Days before a notice or option-decision deadline at which `contract-verloopt` goes out.
    contract_termijn_voorloop_dagen: int = 60
