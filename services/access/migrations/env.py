from wmo_access.models import Base
from wmo_common.migrations import run_env

run_env(Base.metadata)
