"""The gateway's judge: every level-3 (berichtoverstijgende) rule of a received message, once.

Where each rule of a message is judged, in the order a message meets them:

1. `iwmo.validate` (codec): level 1 (XSD: a transport error, no retour), level 2 (0001) and the
   level-3/4 rules one message shows by itself (TR135 8848, TR378 S300, TR381 S329, TR319 9319,
   TR346 9346).
2. `tr056` at receipt (`service.ontvangst`): a reused BerichtIdentificatie gets a retour with
   only its header and 9056; nothing else is judged or done.
3. `judge` here, against `Staat` (the toewijzingen from access, the gateway's own log of starts,
   stops, verzoeken and declaraties):

   | message | rules (module) |
   |---|---|
   | 305 | TR019, TR063, TR071, TR074, TR326 (`regie`) |
   | 307 | TR019, TR063, TR074, TR382, TR413, TR414, TR415 (`regie`) |
   | 315 | TR374, TR347 (`verzoeken`) |
   | 317 | TR374, TR304, TR347, TR349-TR351, TR357, TR361, TR373, TR411, TR412 (`verzoeken`) |
   | 323 | TR333, TR338, TR304, TR384, TR339, TR340, TR307, TR308, TR387, TR388 (`declaraties`) |
   | 302, 320 | none: a retour has no retour; it closes the watch on our message |

4. Finance, for the 323 lines the gateway passed: TR314, TR321, TR322, TR323, TR341, TR369,
   TR389, TR390, TR418 (`wmo_finance.declaraties.beoordeling`); its verdict becomes the 325.

Any finding of 305/307/315/317 rejects the whole message (IV032); a 323 is rejected per line
unless the Header or the Declaratie itself is wrong (IV087).
"""

from __future__ import annotations

from iwmo import Bericht, Finding
from iwmo.models import Wmo305, Wmo307, Wmo315, Wmo317, Wmo323
from wmo_gateway.berichten.regels.declaraties import judge_323
from wmo_gateway.berichten.regels.regie import judge_305, judge_307
from wmo_gateway.berichten.regels.staat import Staat, bevinding
from wmo_gateway.berichten.regels.verzoeken import judge_315, judge_317

__all__ = ["Staat", "judge", "tr056"]


def judge(message: Bericht, staat: Staat) -> list[Finding]:
    """The level-3 findings on `message`, each with its code on the class it concerns."""
    if isinstance(message, Wmo305):
        return list(judge_305(message, staat))
    if isinstance(message, Wmo307):
        return list(judge_307(message, staat))
    if isinstance(message, Wmo315):
        return list(judge_315(message, staat))
    if isinstance(message, Wmo317):
        return list(judge_317(message, staat))
    if isinstance(message, Wmo323):
        return list(judge_323(message, staat))
    return []


def tr056() -> Finding:
    """TR056: Identificatie is unique per berichtsoort for the sender; on the Header."""
    return bevinding(
        "9056",
        "TR056",
        "/Bericht/Header/BerichtIdentificatie/Identificatie",
        "Deze aanbieder gebruikte deze BerichtIdentificatie al voor dit soort bericht.",
    )
