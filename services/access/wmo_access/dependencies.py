"""Dependencies the whole access service shares."""

from typing import Annotated

from fastapi import Depends, Request

from wmo_access.settings import Settings
from wmo_common.runtime import Runtime


def _settings(request: Request) -> Settings:
    # The app factory received these settings; reading them from the running app (not a module
    # global) lets every test build its own app with its own keys.
    runtime: Runtime = request.app.state.runtime
    settings = runtime.settings
    if not isinstance(settings, Settings):
        raise TypeError("the access app must be built with wmo_access.settings.Settings")
    return settings


AccessSettings = Annotated[Settings, Depends(_settings)]
