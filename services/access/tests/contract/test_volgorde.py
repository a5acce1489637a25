"""The order of checks on a change that needs If-Match: who calls first, then which version."""

import uuid

import httpx
import pytest

from wmo_access.settings import Settings
from wmo_testing.harness import ServiceHarness

CHANGES = [
    ("beschikkingen/{id}/afgifte", {}),
    ("toewijzingen/{id}/wijzigingen", {"redenWijziging": "04"}),
    ("toewijzingen/{id}/beeindigingen", {"redenWijziging": "02", "einddatum": "2026-12-31"}),
]


@pytest.mark.parametrize(("path", "body"), CHANGES)
async def test_a_change_answers_401_then_403_then_428(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    path: str,
    body: dict[str, str],
) -> None:
    url = "/api/v1/" + path.format(id=uuid.uuid4())
    without_token = await client.post(url, json=body)
    assert without_token.status_code == 401
    for role in ("auditor", "provider"):
        wrong_role = await client.post(
            url, json=body, headers=harness.headers(role, agb="12345678")
        )
        assert wrong_role.status_code == 403, wrong_role.text
    right_role = await client.post(url, json=body, headers=harness.headers("consultant"))
    assert right_role.status_code == 428, right_role.text
    assert right_role.json()["type"].endswith("/if-match-vereist")


async def test_changing_contact_details_without_the_role_is_403_before_if_match(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    url = f"/api/v1/clienten/{uuid.uuid4()}/contactgegevens"
    wrong_role = await client.put(url, json={}, headers=harness.headers("auditor"))
    assert wrong_role.status_code == 403
    assert (
        await client.put(url, json={}, headers=harness.headers("consultant"))
    ).status_code == 428
