"""Operations see the whole suite at a glance and act on dead letters (issue: operations)."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaProducer

from deploy.stack import ROOT
from iwmo import read_message
from wmo_testing.harness import eventually, kafka_bootstrap
from wmo_testing.suite import Suite

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVICES = {"access", "contracting", "providers", "finance", "gateway"}


async def suite_view(suite: Suite) -> dict[str, Any]:
    async with httpx.AsyncClient(timeout=30) as client:
        response = await client.get(
            suite.url("gateway", "/api/v1/operations/suite"), headers=suite.headers("operations")
        )
    assert response.status_code == 200
    view: dict[str, Any] = response.json()
    return view


async def test_the_suite_overview_shows_all_five_services_ready(suite: Suite) -> None:
    view = await suite_view(suite)
    assert {s["service"] for s in view["services"]} == SERVICES
    assert all(s["ready"] for s in view["services"])
    assert all(s["checks"] == {"database": "up", "kafka": "up"} for s in view["services"])
    assert all(s["status"]["outbox"]["backlog"] == 0 for s in view["services"])


async def test_the_suite_overview_needs_the_operations_role(suite: Suite) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.get(
            suite.url("access", "/api/v1/operations/suite"), headers=suite.headers("consultant")
        )
    assert response.status_code == 403


@pytest.fixture
async def browser_page() -> AsyncIterator[Any]:
    if not CHROMIUM:
        pytest.skip("Debian's chromium is not installed (make test installs it when it can)")
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = await browser.new_page(viewport={"width": 1366, "height": 768})
        try:
            yield page
        finally:
            await browser.close()


async def sign_in(page: Any, suite: Suite) -> None:
    await page.goto(suite.url("gateway", "/operations"))
    await page.fill("#token", suite.headers("operations")["Authorization"].split(" ", 1)[1])
    await page.click("#signin")


async def test_the_console_loads_in_a_browser_and_shows_the_five_services(
    suite: Suite, browser_page: Any
) -> None:
    await sign_in(browser_page, suite)
    cards = browser_page.locator("#services .card")
    await cards.nth(4).wait_for(timeout=20_000)
    names = set(await browser_page.locator("#services .card b").all_inner_texts())
    assert names == SERVICES
    states = await browser_page.locator("#services .card span").all_inner_texts()
    assert states == ["gereed"] * 5
    assert "Eventstroom" in await browser_page.inner_text("main")


async def test_a_dead_letter_shows_in_the_console_and_its_replay_tries_it_again_by_that_group(
    suite: Suite, browser_page: Any
) -> None:
    topics = {
        t
        for s in (await suite_view(suite))["services"]
        if s["status"]
        for c in s["status"]["consumers"]
        for t in c["topics"]
    }
    if not topics:
        pytest.skip("no service consumes events yet")
    topic = sorted(topics)[0]
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap())
    await producer.start()
    try:
        await producer.send_and_wait(
            topic, b'{"not": "a cloudevent", "bsn": "123456782"}', key=str(uuid.uuid4()).encode()
        )
    finally:
        await producer.stop()

    groups = sum(
        1
        for s in (await suite_view(suite))["services"]
        if s["status"]
        for c in s["status"]["consumers"]
        if topic in c["topics"]
    )

    async def dead_letter_listed() -> list[dict[str, Any]] | None:
        # One letter per consumer group of the topic, each group failing on its own.
        view = await suite_view(suite)
        letters = [d for s in view["services"] for d in s["deadLetters"] if d["topic"] == topic]
        return letters if len(letters) == groups else None

    letters = await eventually(dead_letter_listed, timeout=60)
    assert letters[0]["errorType"] == "EnvelopeError"
    await sign_in(browser_page, suite)
    button = browser_page.locator("#dead-letters button", has_text="Opnieuw verwerken").first
    await button.wait_for(timeout=20_000)
    page_text = await browser_page.inner_text("body")
    assert "EnvelopeError" in page_text
    assert "123456782" not in page_text
    await button.click()

    # A malformed record cannot succeed: the failing group tried it again, the console says so,
    # and it stays one open letter (no new letter, no other group sees it).
    await browser_page.get_by_text("opnieuw mislukt").wait_for(timeout=20_000)
    view = await suite_view(suite)
    after = [d for s in view["services"] for d in s["deadLetters"] if d["topic"] == topic]
    assert len(after) == len(letters)
    assert {d["status"] for d in after} == {"open"}


@pytest.mark.skipif(not os.environ.get("WMO_FLOW_DATABASE_URL_TEMPLATE"), reason="needs make test")
async def test_no_metric_of_any_service_names_a_bsn(suite: Suite) -> None:
    async with httpx.AsyncClient() as client:
        for service in SERVICES:
            metrics = (await client.get(suite.url(service, "/metrics"))).text
            assert "123456782" not in metrics
            assert "wmo_outbox_backlog" in metrics


PACK = Path(os.environ.get("IWMO_PACK_DIR", ROOT.parent / "shared" / "iwmo"))


async def test_a_rejected_bericht_shows_in_the_consoles_rejections_per_retour_code(
    suite: Suite, browser_page: Any
) -> None:
    example = PACK / "examples" / "iwmo-3.2" / "WMO317.xml"
    if not example.is_file():
        pytest.skip("iWmo reference pack not found: set IWMO_PACK_DIR or provide ../shared/iwmo")
    xml = example.read_bytes()
    sender = read_message(xml).header.afzender
    async with httpx.AsyncClient(timeout=30) as client:
        posted = await client.post(
            suite.url("gateway", "/api/v1/berichten"),
            content=xml,
            headers={**suite.headers("provider", agb=sender), "Content-Type": "application/xml"},
        )
    assert posted.status_code in (200, 201)

    async def counted() -> list[dict[str, Any]] | None:
        panels = next(
            s for s in (await suite_view(suite))["services"] if s["service"] == "gateway"
        )["panels"]
        rows = [r for r in panels.get("retourcodeTellingen", []) if r["aanbiederAgb"] == sender]
        return rows or None

    rows = await eventually(counted)
    await sign_in(browser_page, suite)
    rejections = browser_page.locator("#rejections tbody tr")
    await rejections.first.wait_for(timeout=20_000)
    text = await browser_page.inner_text("#rejections")
    assert sender in text
    assert rows[0]["code"] in text
