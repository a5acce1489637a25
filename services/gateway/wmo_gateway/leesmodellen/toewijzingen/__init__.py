"""The gateway's copy of access's toewijzingen (`access.toewijzingen.v1`): what a provider's
305/307/317/323 is checked against and what a Wmo301 is written from."""
