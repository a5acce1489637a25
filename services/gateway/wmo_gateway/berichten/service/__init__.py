"""The use cases of received berichten, by responsibility: `ontvangst` (store a posted bericht
once), `beoordeling` (judge it, answer with its retour, publish it), `antwoorden` (the answers
that follow access's and finance's verdicts) and `logboek` (what operations and auditors read)."""
