"""Load the demo region Hart van Brabant (idempotent: what is there is left alone, so `make run`
may run it on every start).

Contracting's seed loads the segments with their strategies and the begeleiding coalition
contract; the rest of the market goes through the APIs with development tokens, as the people of
a region would enter it: producten and onderaannemers on the coalition contract (a lumpsum: a
task budget, no tarieven), a P x Q contract with tarieven per beschermd wonen aanbieder, the
aanbieders with their capaciteit, budgets and the lumpsum per gemeente. Synthetic clienten with
valid test BSNs are registered through the API in batches; those with a product are walked from
melding to beschikking, most of them on to a toewijzing, through access's own use cases on its
database (toegang.py; needs ACCESS_DATABASE_URL). `python -m deploy.simulator` then plays the
aanbieders' systems.

    DEMO_CLIENTEN=3000 DEMO_TOEWIJZINGEN=1200 python -m deploy.demo

producten.py holds what the region buys, api.py the HTTP client, markt.py loads contracts,
aanbieders, budgets and the lumpsum, clienten.py plans and walks the synthetic clienten,
toegang.py runs access's use cases; the region itself (gemeenten, gebieden, aanbieders) is
wmo_testing.regio.
"""
