"""The use cases of received berichten, by responsibility: `ontvangst` (check and store a
posted bericht, TR056 and transport retries at receipt), `staat` (what the rules judge against,
and the starts and stops an accepted bericht adds), `beoordeling` (judge it, answer with its
retour, publish it), `antwoorden` (the answers that follow access's and finance's verdicts) and
`logboek` (what operations and auditors read). `berichten.inbox` runs them for one message."""
