from wmo_common.migrations import run_env
from wmo_contracting.models import Base

run_env(Base.metadata)
