"""The site as a person uses it, in Debian's headless Chromium driven by Playwright.

One reader on a laptop-width window goes from the landing page to a table, from the home
page's guide to the table of a call, follows a link to one code, searches French words and
clicks through to the code found, and switches language; others look a code up by its number
in either language, paste an error, type another wording of a code, search a word and read
what each result shows, read a long table and an endpoint's table on a laptop (column widths,
the header kept in view, a link landing at once, the other wordings shown and the sources
folded), read the endpoints and the disagreements; a phone-width window checks that the
tables, those pages and the search still read well. Screenshots of each step are saved in
build/screenshots/ to be looked at.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Locator, Page, Request, expect

from codegen.labels import LABELS
from codegen.model import Catalog, Language
from codegen.render.docs import anchor, compact_sources
from tests.conftest import site_order

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
    expect(code).to_have_text(re.compile(r"^2053\s+EC_BLACKLISTED_SENDERADDRESS$"))
    page.screenshot(path=screenshots / "laptop-fr-search-noire.png", full_page=True)
    code.click()
    expect(page).to_have_url(f"{base_url}/fr/hlr_error.html#hlr_error-2053")
    expect(row(page, "hlr_error-2053")).to_be_in_viewport()

    # Words typed without their accents find the accented text: "Crédit", "expéditeur".
    search(page, "credit")
    expect(page.locator('ul.code-results a[href="sms_send.html#sms_send-11"]')).to_have_text(
        re.compile(r"^11\s+INSUFFICIENT_CREDIT$")
    )
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


def test_the_home_page_leads_from_a_call_to_its_tables(browser: Browser, base_url: str) -> None:
    """The reader knows the URL they called: its row names the tables its codes are read with, in order."""
    problems: list[str] = []
    page = open_page(browser, LAPTOP, problems)
    page.goto(f"{base_url}/fr/index.html")
    call = page.locator("article tr", has=page.locator('a[href="endpoints.html#endpoint-sms-message_cancel"]'))
    expect(call).to_contain_text("Annuler l’envoi d’un SMS")
    expect(call).to_contain_text("GET api.smspartner.fr/v1/message-cancel")
    expect(call.locator("a.reference code")).to_have_text(["sms_message_cancel_control", "sms_cancel"])
    call.get_by_role("link", name="sms_message_cancel_control").click()
    expect(page).to_have_url(f"{base_url}/fr/sms_message_cancel_control.html")
    assert problems == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_tables_fit_a_phone(browser: Browser, base_url: str, screenshots: Path, language: str) -> None:
    problems: list[str] = []
    page = open_page(browser, PHONE, problems)
    page.goto(f"{base_url}/{language}/hlr_error.html#hlr_error-2053")
    expect(row(page, "hlr_error-2053")).to_be_in_viewport()
    page.screenshot(path=screenshots / f"phone-{language}-hlr_error-2053.png")
    # Each row is a card as wide as the page's text, and shows no label over an empty cell (no hint here).
    assert row(page, "hlr_error-2053").bounding_box()["width"] >= 0.85 * PHONE["width"]  # type: ignore[index]
    alias = row(page, "hlr_error-EC_SOURCE_ADDRESS_BLACKLISTED")
    expect(alias.locator("td.col-text:visible")).to_have_count(1 if language == "fr" else 2)
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

    # An endpoint's table: a card per code, its other wordings under SMSPartner's text, its sources folded.
    page.goto(f"{base_url}/{language}/sms_message_cancel_control.html#sms_message_cancel_control-6")
    card = row(page, "sms_message_cancel_control-6")
    expect(card).to_be_in_viewport()
    assert card.bounding_box()["width"] >= 0.85 * PHONE["width"]  # type: ignore[index]
    expect(card.locator("p.wordings")).to_be_visible()
    expect(card.locator("details.sources > summary")).to_be_visible()
    expect(card.locator("details.sources > p").first).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=screenshots / f"phone-{language}-sms_message_cancel_control-6.png")
    assert problems == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_endpoints_and_the_disagreements_fit_a_phone(
    browser: Browser, base_url: str, screenshots: Path, language: str
) -> None:
    problems: list[str] = []
    page = open_page(browser, PHONE, problems)
    page.goto(f"{base_url}/{language}/endpoints.html#endpoint-sms-bulk_send")
    card = row(page, "endpoint-sms-bulk_send")
    expect(card).to_be_in_viewport()
    assert card.bounding_box()["width"] >= 0.85 * PHONE["width"]  # type: ignore[index]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=screenshots / f"phone-{language}-endpoints.png")
    page.goto(f"{base_url}/{language}/disagreements.html#disagreement-sms_cancel_6")
    expect(page.locator("section#disagreement-sms_cancel_6 > h3")).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=screenshots / f"phone-{language}-disagreements.png")
    assert problems == []


# Looking a code up by its number, in any table, in both languages --------------------------

NO_MATCH = {"fr": "ne correspond à aucun document", "en": "did not match any documents"}


def search_page(page: Page, base_url: str, language: str, words: str) -> None:
    """Open the search page for ``words``, as the sidebar's box does, and let it finish."""
    page.goto(f"{base_url}/{language}/search.html?q={quote(words)}")
    expect(page.locator("#search-results .search-summary")).not_to_be_empty()
    page.wait_for_load_state("networkidle")


def rows_named(catalog: Catalog, words: str) -> list[str]:
    """Links to the rows whose code or name is ``words`` (case ignored), in the site's order."""
    return [
        f"{table.id}.html#{anchor(table, entry)}"
        for table in site_order(catalog)
        for entry in table.entries
        if words.lower() in (str(entry.code).lower(), entry.name.lower())
    ]


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("words", ["2053", "14", "992", "4101", "DELIVRD", "delivrd", "not delivered"])
def test_a_code_is_found_by_its_number_or_its_word(
    browser: Browser, base_url: str, catalog: Catalog, screenshots: Path, language: Language, words: str
) -> None:
    problems: list[str] = []
    page = open_page(browser, LAPTOP, problems)
    search_page(page, base_url, language, words)
    expected = rows_named(catalog, words)
    assert expected, f"the catalog has no code {words!r}"
    links = page.locator("section.code-hits a.code-card-link")
    expect(links).to_have_count(len(expected))
    assert [link.get_attribute("href") for link in links.all()] == expected
    for link in links.all():
        expect(link).to_contain_text(re.compile(re.escape(words), re.IGNORECASE))
    # Sphinx's index has no numbers: its "no documents" must not contradict the codes shown.
    expect(page.locator(".search-summary")).not_to_contain_text(NO_MATCH[language])
    if words in ("2053", "14"):
        page.screenshot(path=screenshots / f"laptop-{language}-search-{words}.png", full_page=True)
    # The first code found leads to its row, at once.
    links.first.click()
    row_id = expected[0].partition("#")[2]
    expect(page).to_have_url(f"{base_url}/{language}/{expected[0]}")
    # The URL changes when the navigation commits; the row is placed once the page has loaded.
    page.wait_for_load_state("load")
    assert row_top(page, row_id) is not None
    assert problems == []


def test_a_pasted_error_finds_its_code(browser: Browser, base_url: str) -> None:
    """What ``str(error)`` prints, pasted into the search box, finds the code it names."""
    problems: list[str] = []
    page = open_page(browser, LAPTOP, problems)
    search_page(page, base_url, "en", "sms_send 11 INSUFFICIENT_CREDIT: Crédit insuffisant")
    links = page.locator("section.code-hits a.code-card-link")
    assert [link.get_attribute("href") for link in links.all()] == ["sms_send.html#sms_send-11"]
    assert problems == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_another_wording_of_a_code_finds_it(
    browser: Browser, base_url: str, screenshots: Path, catalog: Catalog, language: str
) -> None:
    """A text the API may send, which SMSPartner's pages give as another wording of a code, finds that code."""
    wording = "SMS sending has already been cancelled"
    table = catalog.table("sms_message_cancel_control")
    entry = next(entry for entry in table.entries if wording in (variant.text for variant in entry.variants))
    assert wording not in (entry.message.fr, entry.message.en)  # found by its other wording only
    problems: list[str] = []
    page = open_page(browser, LAPTOP, problems)
    search_page(page, base_url, language, wording)
    result = page.locator("ul.search > li", has=page.locator(f'> a[href="{table.id}.html"]'))
    card = result.locator("li.code-card", has=page.locator(f'a[href="{table.id}.html#{anchor(table, entry)}"]'))
    expect(card).to_have_count(1)
    shown = card.locator(".code-card-wordings")
    expect(shown).to_contain_text(LABELS[language]["variants"])  # type: ignore[index]
    expect(shown).to_contain_text(f"{wording} (en)")
    assert {word.lower() for word in shown.locator(".highlighted").all_inner_texts()} >= {"sms", "sending", "cancelled"}
    page.screenshot(path=screenshots / f"laptop-{language}-search-other-wording.png", full_page=True)
    assert problems == []


def test_words_that_are_no_code_find_no_code(browser: Browser, base_url: str) -> None:
    problems: list[str] = []
    page = open_page(browser, LAPTOP, problems)
    search_page(page, base_url, "fr", "9999")
    expect(page.locator("section.code-hits")).to_have_count(0)
    expect(page.locator(".search-summary")).to_contain_text(NO_MATCH["fr"])
    assert problems == []


# Search results: ranked sensibly, each showing the rows or the passage that match --------------


def folded(text: str) -> str:
    return unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode().lower()


def test_search_results_show_the_matching_rows_and_rank_table_pages_first(
    browser: Browser, base_url: str, screenshots: Path
) -> None:
    problems: list[str] = []
    page = open_page(browser, LAPTOP, problems)
    search_page(page, base_url, "fr", "crédit")
    results = page.locator("ul.search > li")
    pages = [str(link.get_attribute("href")) for link in results.locator(":scope > a").all()]
    assert pages[0] != "index.html"
    # The pages whose rows hold the word come first, the home and developer pages after them.
    with_rows = [bool(result.locator("ul.code-results").count()) for result in results.all()]
    assert with_rows == sorted(with_rows, reverse=True)
    assert with_rows.count(True) >= 3 and "sms_send.html" in pages[: with_rows.count(True)]
    for result in results.all():
        # Each result shows where the word is: rows (code, name, texts) or one passage, never Sphinx's run of cells.
        shown = result.locator("ul.code-results > li.code-card, p.context")
        expect(shown.first).to_be_visible()
        for item in shown.all():
            assert "credit" in folded(item.inner_text()), item.inner_text()
            words = [folded(word) for word in item.locator(".highlighted").all_inner_texts()]
            assert words and all("credit" in word for word in words), words
        # The labels of a phone's card never leak into a result.
        assert "Que faire (en anglais)Permanent" not in result.inner_text()
    for context in page.locator("p.context").all_inner_texts():
        # A passage cut short is cut between words, and says so.
        assert re.fullmatch(r"(… )?\S.*\S( …)?", context), context
    page.screenshot(path=screenshots / "laptop-fr-search-credit.png", full_page=True)
    assert problems == []


# A long table on a laptop: readable columns, the header in view, a link landing at once ----------


def row_top(page: Page, row_id: str) -> float | None:
    """Where the row is, at this very moment (no waiting), if it is in the window, under its table's header."""
    return page.evaluate(  # type: ignore[no-any-return]
        """(rowId) => {
            const row = document.getElementById(rowId);
            const top = row.getBoundingClientRect().top;
            const head = row.closest("table").querySelector("thead th");  // the cells stick, not the thead
            const shown = head && getComputedStyle(head.parentElement.parentElement).display !== "none";
            const headBottom = shown ? head.getBoundingClientRect().bottom : 0;
            return top >= headBottom - 1 && top < window.innerHeight - 40 ? top : null;
        }""",
        row_id,
    )


def column_widths(page: Page) -> list[dict[str, float]]:
    return page.evaluate(  # type: ignore[no-any-return]
        """() => [...document.querySelectorAll("table.code-table")].map((table) => Object.fromEntries(
            [...table.querySelectorAll("thead th")].map(
                (th, index) => [`${index}:${th.className}`, th.getBoundingClientRect().width]
            )
        ))"""
    )


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_long_table_reads_on_a_laptop(browser: Browser, base_url: str, screenshots: Path, language: str) -> None:
    problems: list[str] = []
    page = open_page(browser, LAPTOP, problems)
    page.goto(f"{base_url}/{language}/hlr_error.html#hlr_error-2053")
    # The row is in view as soon as the page has loaded, below its table's header, which stays on screen.
    assert row_top(page, "hlr_error-2053") is not None
    head = page.locator("tr#hlr_error-2053").locator("xpath=ancestor::table/thead//th").first
    assert head.bounding_box()["y"] == pytest.approx(0, abs=1)  # type: ignore[index]
    page.screenshot(path=screenshots / f"laptop-{language}-hlr_error-2053-header.png")
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"

    # Every text column, the hints included, gets room to read (not a word or two a line), the same
    # in each table of the page; codes, names and flags take no more than the texts.
    widths = column_widths(page)
    assert all(table == pytest.approx(widths[0], abs=1) for table in widths), widths
    texts = [width for column, width in widths[0].items() if "col-text" in column]
    others = [width for column, width in widths[0].items() if "col-text" not in column]
    assert len(texts) == (2 if language == "fr" else 3)
    assert min(texts) >= 200, widths[0]
    assert max(others) <= min(texts)

    # A link to a row far down the page (the alias row's, clicked from the top) lands there at once:
    # smooth scrolling would still be thousands of pixels away when this looks.
    page.goto(f"{base_url}/{language}/hlr_error.html")
    row(page, "hlr_error-EC_SOURCE_ADDRESS_BLACKLISTED").locator("a").first.dispatch_event("click")
    assert row_top(page, "hlr_error-2053") is not None
    assert problems == []


def test_a_search_by_number_fits_a_phone(browser: Browser, base_url: str, screenshots: Path) -> None:
    problems: list[str] = []
    page = open_page(browser, PHONE, problems)
    search_page(page, base_url, "fr", "2053")
    expect(page.locator("section.code-hits a.code-card-link")).to_have_count(2)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=screenshots / "phone-fr-search-2053.png", full_page=True)
    page.locator("section.code-hits a.code-card-link").first.click()
    expect(page).to_have_url(f"{base_url}/fr/hlr_error.html#hlr_error-2053")
    page.wait_for_load_state("load")
    assert row_top(page, "hlr_error-2053") is not None
    page.screenshot(path=screenshots / "phone-fr-search-2053-row.png")
    assert problems == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_endpoint_table_reads_on_a_laptop(
    browser: Browser, base_url: str, catalog: Catalog, screenshots: Path, language: Language
) -> None:
    """Its texts get the room; the other wordings show under SMSPartner's text, the sources open on demand."""
    table = catalog.table("sms_message_cancel_control")
    entry = next(entry for entry in table.entries if entry.code == 6)
    row_id = anchor(table, entry)
    problems: list[str] = []
    page = open_page(browser, LAPTOP, problems)
    page.goto(f"{base_url}/{language}/{table.id}.html#{row_id}")
    assert row_top(page, row_id) is not None
    head = row(page, row_id).locator("xpath=ancestor::table/thead//th").first
    assert head.bounding_box()["y"] == pytest.approx(0, abs=1)  # type: ignore[index]
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]

    (widths,) = column_widths(page)
    texts = [width for column, width in widths.items() if "col-text" in column]
    others = [width for column, width in widths.items() if "col-text" not in column]
    assert len(widths) == (4 if language == "fr" else 5), widths  # no column of wordings or sources
    assert min(texts) >= 200, widths
    assert max(others) <= min(texts)

    found = row(page, row_id)
    wordings = found.locator("p.wordings")
    expect(wordings).to_be_visible()
    for variant in entry.variants:
        expect(wordings.locator(f'span[lang="{variant.language}"]')).to_have_text(variant.text)
    # The sources are folded: one line, "Sources (2)", which opens onto each page and its lines.
    pages = compact_sources(entry.sources)
    sources = found.locator("details.sources")
    expect(sources.locator("summary")).to_have_text(f"{LABELS[language]['sources']} ({len(pages)})")
    expect(sources.locator("p").first).to_be_hidden()
    sources.locator("summary").click()
    expect(sources.locator("p")).to_have_text(pages)
    page.screenshot(path=screenshots / f"laptop-{language}-{table.id}-6.png")

    # Its disagreement, a click away, lands at once on its section, which links back to the row.
    found.get_by_role("link", name=re.compile("⚠")).click()
    expect(page).to_have_url(f"{base_url}/{language}/disagreements.html#disagreement-sms_cancel_6")
    page.wait_for_load_state("load")
    section = page.locator("section#disagreement-sms_cancel_6")
    top = page.evaluate("document.getElementById('disagreement-sms_cancel_6').getBoundingClientRect().top")
    assert 0 <= top < 100, top  # at once: no smooth scrolling on its way
    back = section.locator(f'a[href="{table.id}.html#{row_id}"]').first
    expect(back).to_be_visible()
    page.screenshot(path=screenshots / f"laptop-{language}-disagreements.png")
    back.click()
    page.wait_for_load_state("load")
    assert row_top(page, row_id) is not None
    assert problems == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_endpoints_page_reads_on_a_laptop(
    browser: Browser, base_url: str, screenshots: Path, language: str
) -> None:
    problems: list[str] = []
    page = open_page(browser, LAPTOP, problems)
    page.goto(f"{base_url}/{language}/endpoints.html#endpoint-mail-message_cancel")
    assert row_top(page, "endpoint-mail-message_cancel") is not None
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]
    # Each URL on a line of its own or two, with its method: the column of URLs is the widest.
    widths = page.evaluate(
        """() => [...document.querySelector("tr#endpoint-mail-message_cancel").closest("table").querySelectorAll("th")]
            .map((th) => th.getBoundingClientRect().width)"""
    )
    assert widths[1] == max(widths) and widths[1] >= 300, widths
    found = row(page, "endpoint-mail-message_cancel")
    expect(found).to_contain_text("api.mailpartner.fr/v1/message-cancel")
    expect(found.locator("details.sources > p").first).to_be_hidden()
    page.screenshot(path=screenshots / f"laptop-{language}-endpoints.png")
    found.get_by_role("link", name="mail_message_cancel_control").click()
    expect(page).to_have_url(f"{base_url}/{language}/mail_message_cancel_control.html")
    assert problems == []


def narrowest_texts(site: Path, language: str) -> str:
    """The table page whose text columns get the least room (the widths the site gives them)."""
    shares = {}
    for path in sorted((site / language).glob("*.html")):
        html = path.read_text(encoding="utf-8")
        found = re.search(r'<table class="card-table code-table[^"]*">(.*?)</table>', html, re.DOTALL)
        if found is None:
            continue
        widths = [float(width) for width in re.findall(r'<col style="width: ([\d.]+)%" />', found.group(1))]
        kinds = re.findall(r'<th class="head ([a-z-]+)">', found.group(1))
        shares[path.stem] = min(width for width, kind in zip(widths, kinds, strict=True) if kind == "col-text")
    assert len(shares) == 53
    return min(shares, key=shares.__getitem__)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_table_gives_its_texts_room_on_a_laptop(
    browser: Browser, base_url: str, site: Path, screenshots: Path, language: str
) -> None:
    """Whatever its columns and codes (status flags, codes that are long words), the narrowest case."""
    table = narrowest_texts(site, language)
    problems: list[str] = []
    page = open_page(browser, LAPTOP, problems)
    page.goto(f"{base_url}/{language}/{table}.html")
    (widths,) = column_widths(page)[:1]
    texts = [width for column, width in widths.items() if "col-text" in column]
    assert min(texts) >= 200, (table, widths)
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]
    # Names and codes wrap at their underscores (or dots): no cell's content spills out of it.
    spilled = page.evaluate(
        """() => [...document.querySelectorAll("table.code-table td")]
            .filter((cell) => cell.scrollWidth > cell.clientWidth + 1).map((cell) => cell.innerText)"""
    )
    assert spilled == [], table
    page.screenshot(path=screenshots / f"laptop-{language}-narrowest-{table}.png")
    assert problems == []
