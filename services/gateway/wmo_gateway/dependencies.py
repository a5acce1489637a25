from typing import Annotated

from fastapi import Depends, Request

from wmo_gateway.settings import Settings


def _settings(request: Request) -> Settings:
    settings = request.app.state.runtime.settings
    if not isinstance(settings, Settings):
        raise TypeError(type(settings).__name__)
    return settings


GatewaySettings = Annotated[Settings, Depends(_settings)]
