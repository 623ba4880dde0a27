/* Search results, code by code.
 *
 * Sphinx's search finds pages. Under each result that is a table page, this lists the codes
 * whose rows hold every searched word, each linking straight to its row. A row's words are
 * stemmed with the search's own stemmer (the accent-blind one of this site) and compared as
 * Sphinx compares a page's words: a searched stem matches a word whose stem contains it.
 */
"use strict";

const CODES_SHOWN = 8;

const searchedStems = (query) => {
  const stemmer = new Stemmer();
  return splitQuery(query.trim().toLowerCase())
    .filter((word) => !stopwords.has(word))
    .map((word) => (/^\d+$/.test(word) ? word : stemmer.stemWord(word)));
};

// A cell's text without the column label the site adds for phones.
const cellText = (cell) => {
  const copy = cell.cloneNode(true);
  copy.querySelectorAll(".cell-label").forEach((label) => label.remove());
  return copy.textContent.trim();
};

const rowStems = (row) => {
  const stemmer = new Stemmer();
  const words = splitQuery([...row.cells].map(cellText).join(" ").toLowerCase());
  return new Set([...words, ...words.map((word) => stemmer.stemWord(word))]);
};

const rowMatches = (row, stems) => {
  const words = [...rowStems(row)];
  return stems.every((stem) =>
    /^\d+$/.test(stem) ? words.includes(stem) : words.some((word) => word.includes(stem)),
  );
};

const codeLink = (pageUrl, row) => {
  const item = document.createElement("li");
  const link = item.appendChild(document.createElement("a"));
  link.href = `${pageUrl}#${row.id}`;
  const code = cellText(row.cells[0]);
  const name = row.cells[1].querySelector("code");
  link.textContent = name ? `${code} · ${name.textContent.trim()}` : code;
  return item;
};

const addCodes = async (result, stems) => {
  const pageLink = result.querySelector(":scope > a");
  if (!pageLink || stems.length === 0) return;
  const pageUrl = pageLink.getAttribute("href").split(/[?#]/)[0];
  const response = await fetch(pageUrl);
  if (!response.ok) return;
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const rows = [...page.querySelectorAll('[role="main"] tr[id]')].filter((row) => rowMatches(row, stems));
  if (rows.length === 0) return;
  const list = document.createElement("ul");
  list.className = "code-results";
  rows.slice(0, CODES_SHOWN).forEach((row) => list.appendChild(codeLink(pageUrl, row)));
  if (rows.length > CODES_SHOWN) {
    list.appendChild(document.createElement("li")).textContent = `+ ${rows.length - CODES_SHOWN}`;
  }
  result.appendChild(list);
};

document.addEventListener("DOMContentLoaded", () => {
  const results = document.getElementById("search-results");
  const query = new URLSearchParams(window.location.search).get("q");
  if (!results || !query || typeof Stemmer === "undefined") return;
  const stems = searchedStems(query);
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      for (const added of mutation.addedNodes) {
        if (added instanceof HTMLLIElement && added.parentElement.matches("ul.search")) {
          addCodes(added, stems);
        }
      }
    }
  }).observe(results, { childList: true, subtree: true });
});
