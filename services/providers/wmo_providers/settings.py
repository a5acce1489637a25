from pydantic import Field

from wmo_common.settings import CommonSettings
from wmo_providers.prestatie_indicatoren.periode import Periodesoort


class Settings(CommonSettings):
    service_name: str = "providers"
    port: int = 8003
    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/wmo_providers"
    # Days before a quality document's vervaldatum at which `kwaliteitsdocument-verloopt` goes out.
    kwaliteitsdocument_drempels_dagen: list[int] = Field(default_factory=lambda: [90, 30])
    # Consecutive periods below a KPI target before an aanbieder is gesignaleerd (when the
    # segment's norms do not set their own number).
    signalering_na_perioden: int = 2
    # The KPI period the scheduler evaluates: each run judges the whole period before today's.
    prestatie_periode: Periodesoort = "kwartaal"
