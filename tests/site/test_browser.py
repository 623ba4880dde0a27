"""The site as a person uses it, in Debian's headless Chromium driven by Playwright.

One reader on a laptop-width window goes from the landing page to a table, follows a link
to one code, searches French words and clicks through to the code found, and switches
language; a phone-width window checks that the tables still read well. Screenshots of each
step are saved in build/screenshots/ to be looked at.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Locator, Page, Request, expect

pytestmark = [pytest.mark.site, pytest.mark.timeout(180)]  # a headless browser starts slowly on a busy machine

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def open_page(browser: Browser, viewport: dict[str, int], problems: list[str]) -> Page:
    """A new page; script errors, failed requests and console errors are added to ``problems``."""
    page = browser.new_page(viewport=viewport)  # type: ignore[arg-type]
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))

    def failed(request: Request) -> None:
        # net::ERR_ABORTED is a request cut short because the test moved on to another page.
        if request.failure != "net::ERR_ABORTED":
            problems.append(f"request failed ({request.failure}): {request.url}")

    page.on("requestfailed", failed)
    page.on(
        "response",
        lambda response: response.status < 400 or problems.append(f"HTTP {response.status}: {response.url}"),
    )

    def console(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            problems.append(f"console {message.type}: {message.text}")

    page.on("console", console)
    return page


def row(page: Page, anchor: str) -> Locator:
    return page.locator(f"tr#{anchor}")


def search(page: Page, words: str) -> None:
    """Type in the sidebar's search box and press Enter, as a reader does."""
    box = page.locator(".sidebar-search")
    box.fill(words)
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\.html\?q="))
    expect(page.locator("#search-results .search-summary")).not_to_be_empty()
    # The page fetches the pages found (summaries, codes): let it finish before going on.
    page.wait_for_load_state("networkidle")


def test_a_reader_on_a_laptop(browser: Browser, base_url: str, screenshots: Path) -> None:
    problems: list[str] = []
    page = open_page(browser, LAPTOP, problems)

    # The landing page sends to a language.
    page.goto(f"{base_url}/")
    page.get_by_role("link", name="Français").click()
    expect(page).to_have_url(f"{base_url}/fr/index.html")
    expect(page.locator("h1")).to_have_text(re.compile("Codes de l’API SMSPartner"))
    page.screenshot(path=screenshots / "laptop-fr-home.png", full_page=True)

    # A table, from the home page's list; the HLR errors come in groups with their description.
    page.locator("article").get_by_role("link", name="Code des erreurs (HLR)", exact=True).click()
    expect(page).to_have_url(f"{base_url}/fr/hlr_error.html")
    expect(page.locator("h2", has_text="USER_ERRORS (groupe 2)")).to_be_visible()
    expect(page.get_by_text("Une erreur d'utilisateur s'est produite.")).to_be_visible()
    page.screenshot(path=screenshots / "laptop-fr-hlr_error.png")

    # The alias row links to its canonical code: follow it, the row comes into view.
    alias = row(page, "hlr_error-EC_SOURCE_ADDRESS_BLACKLISTED")
    alias.scroll_into_view_if_needed()
    alias.get_by_role("link", name="EC_BLACKLISTED_SENDERADDRESS").click()
    expect(page).to_have_url(f"{base_url}/fr/hlr_error.html#hlr_error-2053")
    expect(row(page, "hlr_error-2053")).to_be_in_viewport()
    expect(row(page, "hlr_error-2053")).to_contain_text("liste noire")
    page.screenshot(path=screenshots / "laptop-fr-hlr_error-2053.png")

    # A link to one code, opened as a colleague would from a message.
    page.goto(f"{base_url}/fr/sms_send.html#sms_send-11")
    expect(row(page, "sms_send-11")).to_be_in_viewport()

    # Search a French word: the HLR page is found, with code 2053 under it; click through.
    search(page, "noire")
    result = page.locator("ul.search > li", has=page.locator('a[href="hlr_error.html"]'))
    code = result.locator('ul.code-results a[href="hlr_error.html#hlr_error-2053"]')
    expect(code).to_have_text("2053 · EC_BLACKLISTED_SENDERADDRESS")
    page.screenshot(path=screenshots / "laptop-fr-search-noire.png", full_page=True)
    code.click()
    expect(page).to_have_url(f"{base_url}/fr/hlr_error.html#hlr_error-2053")
    expect(row(page, "hlr_error-2053")).to_be_in_viewport()

    # Words typed without their accents find the accented text: "Crédit", "expéditeur".
    search(page, "credit")
    expect(page.locator('ul.code-results a[href="sms_send.html#sms_send-11"]')).to_have_text("11 · INSUFFICIENT_CREDIT")
    search(page, "expediteur")
    expect(page.locator('ul.code-results a[href="hlr_error.html#hlr_error-2053"]')).to_be_visible()

    # Switch language, on the same page, and back.
    page.goto(f"{base_url}/fr/hlr_error.html")
    page.locator("a.other-language").click()
    expect(page).to_have_url(f"{base_url}/en/hlr_error.html")
    expect(page.locator("h1")).to_have_text(re.compile("Error codes \\(HLR\\)"))
    page.screenshot(path=screenshots / "laptop-en-hlr_error.png")
    page.locator("a.other-language").click()
    expect(page).to_have_url(f"{base_url}/fr/hlr_error.html")

    # The English site searches too, in its own language.
    page.goto(f"{base_url}/en/index.html")
    search(page, "blacklist")
    expect(page.locator('ul.code-results a[href="hlr_error.html#hlr_error-2053"]')).to_be_visible()
    page.screenshot(path=screenshots / "laptop-en-search-blacklist.png", full_page=True)

    assert problems == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_tables_fit_a_phone(browser: Browser, base_url: str, screenshots: Path, language: str) -> None:
    problems: list[str] = []
    page = open_page(browser, PHONE, problems)
    page.goto(f"{base_url}/{language}/hlr_error.html#hlr_error-2053")
    expect(row(page, "hlr_error-2053")).to_be_in_viewport()
    page.screenshot(path=screenshots / f"phone-{language}-hlr_error-2053.png")
    # Neither the page nor a table of codes scrolls sideways: each row is a card as wide as the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    overflowing = page.evaluate(
        """[...document.querySelectorAll("table.code-table")]
            .map((table) => table.closest(".table-wrapper"))
            .filter((frame) => frame.scrollWidth > frame.clientWidth).length"""
    )
    assert overflowing == 0
    expect(page.locator("a.other-language")).to_have_count(1)
    page.goto(f"{base_url}/{language}/index.html")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=screenshots / f"phone-{language}-home.png", full_page=True)
    assert problems == []
