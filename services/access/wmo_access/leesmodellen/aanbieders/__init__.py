"""Read model of `providers.aanbieders.v1`: capaciteit, signaleringen and aanmeldstops."""
