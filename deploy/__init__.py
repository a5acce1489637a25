"""The local deployment of wmo-suite: the stack (`python -m deploy.stack`), the demo region
(`python -m deploy.demo`) and the aanbieders' simulator (`python -m deploy.simulator`)."""
