"""Play the aanbieders' own systems against the running demo, so that KPIs, budgets and the
message log have life in them.

Each round, for every registered aanbieder: fetch its outbox at the gateway, answer every
Wmo301 with a Wmo302 and acknowledge every bericht; send a Wmo305 when care starts (a few days
after the toewijzing's ingangsdatum), now and then a Wmo307 when it stops, and for P x Q
contracts a monthly Wmo323 declaratie at the contract's tarief for every completed month (a
few lines at an outdated tarief, which the 325 rejects and the next round declares again).
Lumpsum (taakgericht) care is paid by termijnen, so it is not declared per client.

The simulator keeps what it did in .local/run/simulator.json, so a restart does not repeat
work. Like a provider's system it holds its clients' BSNs: the file is the owner's only and
lives beside the local databases.

    python -m deploy.simulator            # a round every 30 s until Ctrl-C
    python -m deploy.simulator --once     # one round, then exit

state.py keeps the state and the arithmetic of delivered care, aanbieder.py is one aanbieder's
system (its berichten built by wmo_testing.aanbieder), __main__.py plays the rounds.
"""
