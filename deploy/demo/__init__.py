"""Load the demo region Hart van Brabant through the public APIs (idempotent: what is there is
left alone, so `make run` may run it on every start).

Contracting's seed loads the segments with their strategies and the begeleiding coalition
contract; everything else goes through the APIs with development tokens, as the people of a
region would enter it: producten and onderaannemers on the coalition contract (a lumpsum: a
task budget, no tarieven), a P x Q contract with tarieven per beschermd wonen aanbieder, the
aanbieders with their capaciteit, budgets and the lumpsum per gemeente, and synthetic
clienten with valid test BSNs, each walked from melding to beschikking, most of them on to a
toewijzing. `python -m deploy.simulator` then plays the aanbieders' systems.

    DEMO_CLIENTEN=3000 DEMO_TOEWIJZINGEN=1200 python -m deploy.demo

producten.py holds what the region buys, api.py the HTTP client, markt.py loads contracts,
aanbieders, budgets and the lumpsum, clienten.py plans and walks the synthetic clienten; the
region itself (gemeenten, gebieden, aanbieders) is wmo_testing.regio.
"""
