from wmo_common.migrations import run_env
from wmo_finance.models import Base

run_env(Base.metadata)
