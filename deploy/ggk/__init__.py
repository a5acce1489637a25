"""The GGk of the development stack: a test CA for mutual TLS (`ca.py`) and a simulator of the
Gemeentelijk Gegevensknooppunt and the aanbieders behind it (`simulator.py`). See docs/ggk.md."""
