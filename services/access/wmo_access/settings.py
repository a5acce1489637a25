from pydantic import Field

from wmo_common.settings import CommonSettings


class Settings(CommonSettings):
    service_name: str = "access"
    port: int = 8001
    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/wmo_access"
    aanbieder_inzage_maanden: int = Field(
        default=6,
        ge=0,
        le=60,
        description=(
            "Hoe lang een aanbieder een cliënt nog inziet nadat zijn laatste toewijzing voor die "
            "cliënt eindigde (einddatum of zorgstop, de vroegste): ruimte voor late declaraties "
            "en hun correcties na een afwijzing. iWmo laat een Wmo323-regel tot 5 jaar terug toe "
            "(TR335), maar de zorg is dan al lang gedeclareerd; het contract vraagt de declaratie "
            "binnen enkele maanden. Daarna: 404, als voor een onbekende cliënt."
        ),
    )
