"""Read model of `providers.aanbieders.v1`: capaciteit and blocking signaleringen."""
