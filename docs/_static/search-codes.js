/* The search of codes, on the search page (docs/_templates/search.html loads it, with the index
 * of codes, before Sphinx's searchtools.js).
 *
 * Sphinx's search finds pages by their words and leaves numbers out of its index. With the
 * index of codes that the site extension writes (codeindex.js: every row of every table of
 * codes, with its page, section, columns, texts and other wordings), this script adds:
 *
 * - The codes asked for by number or name ("2053", "14", "DELIVRD", "EC_UNKNOWN_SUBSCRIBER"),
 *   in every table, listed before the pages, each linking to its row. The whole query may be
 *   the code ("not delivered"), or else one of its words, the others being found in the row:
 *   a pasted error such as "sms_send 11 INSUFFICIENT_CREDIT: Crédit insuffisant" finds its code.
 * - Under each page found, the rows of the page that hold every searched word (in a text or in
 *   another wording SMSPartner's pages give for the code: a server's text pasted finds it), or else the
 *   paragraph, list item or table row that holds most of them, in place of Sphinx's summary (a
 *   run of table cells cut anywhere); the words found are highlighted, long texts are cut
 *   between words around the first one.
 * - Ranking: a page holding a code asked for comes first, then a table page ranks higher the
 *   more of its rows match (Scorer.score, which searchtools.js takes from here since it is
 *   defined first).
 *
 * Words are compared as Sphinx compares them, with the site's accent-blind stemmer: a searched
 * stem matches a word whose stem contains it; numbers match whole words only.
 */
"use strict";

const CODES_SHOWN_PER_PAGE = 8;
const TEXT_SHOWN = 240; // characters of a long text shown, around its first match

// Sphinx's default scores (searchtools.js), and one more term: how many rows of a page match.
var Scorer = {
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
  score: (result) => result[4] + CodeSearch.pageBoost(result[0]),
};

const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
const squeeze = (text) => text.replace(/\s+/g, " ").trim();

const CodeSearch = {
  index: null,
  setIndex: (index) => {
    CodeSearch.index = index;
  },

  _query: null,
  // The query of the page's URL, as searched words: [{word, stem, number, stop}] (word folded).
  query: () => {
    if (CodeSearch._query === null) {
      const text = new URLSearchParams(window.location.search).get("q") || "";
      const stemmer = new Stemmer();
      const terms = splitQuery(text.toLowerCase().trim()).map((word) => ({
        word: fold(word),
        stem: stemmer.stemWord(word),
        number: /^\d+$/.test(word),
        stop: stopwords.has(word),
      }));
      CodeSearch._query = { text: fold(squeeze(text)), terms, searched: terms.filter((term) => !term.stop) };
    }
    return CodeSearch._query;
  },

  // A text's words, folded, and their stems, for comparing with searched words.
  _words: new Map(),
  words: (text) => {
    if (!CodeSearch._words.has(text)) {
      const stemmer = new Stemmer();
      const words = splitQuery(text.toLowerCase()).map((word) => [fold(word), stemmer.stemWord(word)]);
      CodeSearch._words.set(text, words);
    }
    return CodeSearch._words.get(text);
  },

  // How well a text holds a searched word: 2 as a whole word (or its stem), 1 inside a word, else 0.
  textMatch: (term, text) => {
    const words = CodeSearch.words(text);
    if (words.some(([word, stem]) => word === term.word || (!term.number && stem === term.stem))) return 2;
    return words.some((word) => CodeSearch.wordMatches(term, word)) ? 1 : 0;
  },

  wordMatches: (term, [word, stem]) => {
    if (term.number || word === term.word) return word === term.word;
    if (term.stem.length > 2) return stem.includes(term.stem) || word.includes(term.word);
    return stem === term.stem;
  },

  textMatches: (term, text) => CodeSearch.words(text).some((word) => CodeSearch.wordMatches(term, word)),

  // A row holds a searched word in one of its cells or other wordings, or in its page's name ("sms_send 11").
  rowMatches: (term, page, row) =>
    term.word === page.page ||
    row.cells.some((cell) => CodeSearch.textMatches(term, cell)) ||
    row.wordings.some(([wording]) => CodeSearch.textMatches(term, wording)),

  rowHoldsAll: (page, row) => {
    const { searched } = CodeSearch.query();
    return searched.length > 0 && searched.every((term) => CodeSearch.rowMatches(term, page, row));
  },

  // The whole query is the row's code or name ("2053", "not delivered", "ec_unknown_subscriber").
  isNamed: (table, row) => {
    const { text } = CodeSearch.query();
    return text === fold(row.cells[codeColumn(table)]) || text === fold(row.name);
  },

  // One word of the query is the row's code or name, and the row holds the others ("sms_send 11 ...").
  isNamedAmongWords: (page, table, row) => {
    const { terms, searched } = CodeSearch.query();
    const code = fold(row.cells[codeColumn(table)]);
    const name = fold(row.name);
    const named = terms.some((term) => term.word === code || term.word === name);
    return named && searched.every((term) => CodeSearch.rowMatches(term, page, row));
  },

  *rows() {
    for (const page of CodeSearch.index ? CodeSearch.index.pages : []) {
      for (const table of page.tables) {
        for (const row of table.rows) yield [page, table, row];
      }
    }
  },

  _matching: null,
  matchingRows: (docname) => {
    if (CodeSearch._matching === null) {
      CodeSearch._matching = new Map();
      for (const [page, table, row] of CodeSearch.rows()) {
        if (!CodeSearch.rowHoldsAll(page, row)) continue;
        if (!CodeSearch._matching.has(page.page)) CodeSearch._matching.set(page.page, []);
        CodeSearch._matching.get(page.page).push([page, table, row]);
      }
    }
    return CodeSearch._matching.get(docname) || [];
  },

  // A table page with matching rows outranks a page that only mentions the words, and a page
  // holding a code asked for outranks both: then by how many rows match (up to 10), then by its
  // place on the site (SMSPartner's order of the tables).
  pageBoost: (docname) => {
    const count = CodeSearch.matchingRows(docname).length;
    const asked = CodeSearch.askedFor().some(([page]) => page.page === docname);
    if (!count && !asked) return 0;
    const pages = CodeSearch.index.pages;
    const place = pages.findIndex((page) => page.page === docname);
    return (asked ? 30 : 0) + 10 + Math.min(count, 10) + (pages.length - place) / (2 * pages.length);
  },

  // The codes asked for: those the whole query names, else those one of its words names.
  _askedFor: null,
  askedFor: () => {
    if (CodeSearch._askedFor === null) {
      const rows = [...CodeSearch.rows()];
      const named = rows.filter(([, table, row]) => CodeSearch.isNamed(table, row));
      CodeSearch._askedFor = named.length
        ? named
        : rows.filter(([page, table, row]) => CodeSearch.isNamedAmongWords(page, table, row));
    }
    return CodeSearch._askedFor;
  },
};

const codeColumn = (table) => Math.max(0, table.columns.findIndex((column) => column.kind === "code"));

const element = (tag, className, ...children) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
};

// ``text`` with the searched words it holds highlighted, as Sphinx's search highlights them.
const highlighted = (text) => {
  const { searched } = CodeSearch.query();
  const fragment = document.createDocumentFragment();
  for (const piece of text.split(/([\p{L}\p{N}_]+)/u)) {
    const words = piece ? CodeSearch.words(piece) : [];
    const found = words.length === 1 && searched.some((term) => CodeSearch.wordMatches(term, words[0]));
    fragment.append(found ? element("span", "highlighted", piece) : piece);
  }
  return fragment;
};

// A long text cut to TEXT_SHOWN characters, between words, around its first searched word.
const excerpt = (text) => {
  if (text.length <= TEXT_SHOWN) return text;
  const { searched } = CodeSearch.query();
  let first = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}_]+/gu)) {
    if (searched.some((term) => CodeSearch.textMatches(term, match[0]))) {
      first = match.index;
      break;
    }
  }
  let start = Math.max(0, first - 60);
  if (start > 0) start = text.indexOf(" ", start) + 1;
  let end = Math.min(text.length, start + TEXT_SHOWN);
  if (end < text.length) end = text.lastIndexOf(" ", end);
  return `${start > 0 ? "… " : ""}${text.slice(start, end).trim()}${end < text.length ? " …" : ""}`;
};

const pageUrl = (docname) => docname + DOCUMENTATION_OPTIONS.LINK_SUFFIX;

/* One row of a table of codes, as a search result: its code and name, linking to the row, then
 * its first text (the message), its flags, its other texts, and its other wordings: all of them,
 * whole, for a code asked for; under a page found, only those holding a searched word, long ones cut. */
const codeCard = ([page, table, row], { where, allTexts }) => {
  const code = row.cells[codeColumn(table)];
  const link = element("a", "code-card-link", element("span", "code-card-code", code));
  if (row.name && fold(row.name) !== fold(code)) link.append(" ", element("code", "code-card-name", row.name));
  link.href = `${pageUrl(page.page)}#${row.anchor}`;
  const card = element("li", "code-card", link);
  // What the name's cell says besides the name: "(alias de EC_BLACKLISTED_SENDERADDRESS)".
  const nameColumn = table.columns.findIndex((column) => column.kind === "name");
  const besideName = nameColumn < 0 ? "" : row.cells[nameColumn].replace(row.name, "").trim();
  if (besideName) card.append(" ", element("span", "code-card-alias", besideName));
  if (where) card.append(" ", element("span", "code-card-where", where));
  const { searched } = CodeSearch.query();
  const filled = table.columns.map((column, index) => [column, row.cells[index]]).filter(([, text]) => text);
  const texts = filled.filter(([column]) => column.kind === "text");
  const flags = filled.filter(([column]) => column.kind === "flag");
  texts.forEach(([column, text], index) => {
    if (index > 0 && !allTexts && !searched.some((term) => CodeSearch.textMatches(term, text))) return;
    const paragraph = element("p", "code-card-text");
    if (index > 0) paragraph.append(element("span", "code-card-label", column.label), " ");
    paragraph.append(highlighted(allTexts ? text : excerpt(text)));
    card.append(paragraph);
    if (index === 0 && flags.length) {
      const shownFlags = flags.map(([flag, value]) => element("span", "code-card-flag", element("span", "code-card-label", flag.label), " ", value));
      card.append(element("p", "code-card-flags", ...shownFlags));
    }
  });
  const wordings = row.wordings.filter(
    ([wording]) => allTexts || searched.some((term) => CodeSearch.textMatches(term, wording)),
  );
  if (wordings.length) {
    const paragraph = element("p", "code-card-text code-card-wordings", element("span", "code-card-label", CodeSearch.index.labels.wordings), " ");
    wordings.forEach(([wording, lang], index) => {
      const text = element("span", "code-card-wording", highlighted(allTexts ? wording : excerpt(wording)));
      if (lang) text.lang = lang;
      paragraph.append(...(index ? [" · "] : []), text, ` (${lang})`);
    });
    card.append(paragraph);
  }
  return card;
};

const countText = (one, many, count) => (count === 1 ? one : many.replace("{count}", count));

// The codes asked for, before the pages found.
const showAskedFor = (results, asked) => {
  const where = ([page, table]) => (table.section ? `${page.title} › ${table.section}` : page.title);
  const list = element("ul", "code-results");
  list.append(...asked.map((found) => codeCard(found, { where: where(found), allTexts: true })));
  const section = element("section", "code-hits", element("h3", "", CodeSearch.index.labels.codes), list);
  results.insertBefore(section, results.querySelector("ul.search"));
};

// Under a page found: its matching rows, or else the passage of the page (or of the section a
// result points to) that matches best. A page's rows are listed under its first result only.
const rowsShown = new Set();
const showUnderPage = async (item) => {
  const link = item.querySelector(":scope > a");
  if (!link) return;
  const [href, anchor] = link.getAttribute("href").split("#");
  const docname = href.slice(0, href.length - DOCUMENTATION_OPTIONS.LINK_SUFFIX.length);
  const rows = CodeSearch.matchingRows(docname);
  if (rows.length && rowsShown.has(docname)) return;
  rowsShown.add(docname);
  if (rows.length) {
    const labels = CodeSearch.index.labels;
    const where = ([, table]) => table.section;
    const list = element("ul", "code-results");
    list.append(...rows.slice(0, CODES_SHOWN_PER_PAGE).map((found) => codeCard(found, { where: where(found) })));
    const more = rows.length - CODES_SHOWN_PER_PAGE;
    if (more > 0) {
      const rest = element("a", "", countText(labels.one_more_code, labels.more_codes, more));
      rest.href = href;
      list.append(element("li", "code-more", rest));
    }
    item.append(list);
    return;
  }
  const response = await fetch(href);
  if (!response.ok) return;
  const passage = bestPassage(new DOMParser().parseFromString(await response.text(), "text/html"), anchor);
  if (passage) item.append(element("p", "context", highlighted(excerpt(passage))));
};

// A node's text with a space where a line breaks (<br>) or a block ends: the lines of a cell do not run together.
const spacedText = (node) => {
  const parts = [];
  const walk = (current) => {
    for (const child of current.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) parts.push(child.textContent);
      else if (child.nodeName === "BR") parts.push(" ");
      else if (child.nodeType === Node.ELEMENT_NODE) {
        walk(child);
        if (/^(P|DIV|LI|DETAILS|UL|OL)$/.test(child.nodeName)) parts.push(" ");
      }
    }
  };
  walk(node);
  return squeeze(parts.join(""));
};

// The passages of a page a result can show: paragraphs, list items, terms, table rows (their
// cells joined by " · "), lines of code; the one holding the most searched words (whole words
// count more than parts of words), the first if equal.
const bestPassage = (page, anchor) => {
  const content = page.querySelector('[role="main"]');
  const main = (anchor && content && content.querySelector(`#${CSS.escape(anchor)}`)) || content;
  if (!main) return null;
  main.querySelectorAll(".headerlink, script, style, .cell-label, a.other-language, details.sources").forEach((node) => node.remove());
  const passages = [];
  for (const node of main.querySelectorAll("p, li, dt, tr, pre")) {
    if (node.matches("li") && node.querySelector("p, ul, ol, pre")) continue; // its parts come on their own
    if (!node.matches("tr") && node.closest("tr")) continue; // a table row is shown whole
    if (node.matches("tr")) passages.push([...node.cells].map(spacedText).filter(Boolean).join(" · "));
    else if (node.matches("pre")) passages.push(...node.textContent.split("\n").map(squeeze));
    else passages.push(spacedText(node));
  }
  const { searched } = CodeSearch.query();
  let best = null;
  let bestScore = 0;
  for (const passage of passages) {
    const score = searched.reduce((sum, term) => sum + CodeSearch.textMatch(term, passage), 0);
    if (score > bestScore) [best, bestScore] = [passage, score];
  }
  return best;
};

document.addEventListener("DOMContentLoaded", () => {
  const results = document.getElementById("search-results");
  if (!results || !CodeSearch.index || CodeSearch.query().terms.length === 0) return;
  const asked = CodeSearch.askedFor();
  const labels = CodeSearch.index.labels;
  const codesOnly = countText(labels.one_code_found, labels.codes_found, asked.length);
  new MutationObserver(() => {
    const pages = results.querySelector("ul.search");
    if (pages && asked.length && !results.querySelector(".code-hits")) showAskedFor(results, asked);
    for (const item of results.querySelectorAll("ul.search > li:not([data-codes])")) {
      item.dataset.codes = "";
      showUnderPage(item);
    }
    // Sphinx has finished, found no page: say that codes were found instead of "no documents".
    const summary = results.querySelector(".search-summary");
    const finished = Search._pulse_status < 0 && summary && summary.textContent;
    if (finished && asked.length && !results.querySelector("ul.search > li") && summary.textContent !== codesOnly) {
      summary.textContent = codesOnly;
    }
  }).observe(results, { childList: true, subtree: true, characterData: true });
});
