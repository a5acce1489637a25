"""A client's dossier: every step of the client's process in toegang, read at once."""
