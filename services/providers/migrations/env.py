from wmo_common.migrations import run_env
from wmo_providers.models import Base

run_env(Base.metadata)
