// When a server's text is one of the wordings SMSPartner's pages give: the catalog's matching rule.
//
// The rule is the catalog's (catalog/README.md, "Matching a server's text to a wording"); the
// repository's tests/wording_matching.json holds the cases every implementation runs (this one, and
// Python's). Two texts are the same wording when their normal forms are equal:
//
// 1. HTML character references decoded ("&amp;" is "&"), as Python's html.unescape decodes them;
// 2. each HTML tag replaced by a space;
// 3. every "*" and every "__" (Markdown emphasis) removed;
// 4. Unicode NFC, case folding, NFC again;
// 5. the apostrophes U+2019 and U+2018 read as "'";
// 6. each run of the rule's white space replaced by one space, and the text stripped;
// 7. trailing punctuation (". ! ? : ;" and U+2026) and spaces removed.
//
// A wording also matches a server text that it begins, up to a word boundary (the next character is
// no letter or digit, Unicode categories L and N): code 9 appends the constraints that failed. Among
// the wordings that match, the longest normal form wins; between equal lengths, the first given.

import { CASE_FOLDING } from "./_data/casefold.js";
import { HTML_ENTITIES, INVALID_CHARACTER_REFERENCES, INVALID_CODE_POINTS } from "./_data/html.js";

// The rule's white space, listed explicitly so that every implementation has the same set.
const WHITE_SPACE_RUN = /[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/gu;
const TAG = /<[^<>]*>/gu;
const TRAILING = /[ .!?:;\u2026]+$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
// An HTML character reference, as Python's html module finds them (at most 32 characters of a name).
const CHARACTER_REFERENCE = /&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)/gu;

let foldedCharacters: RegExp | undefined;

/** Unicode case folding of `text` (Python's str.casefold): lower case, then the characters whose
 * folding is not their lower case. */
export function caseFold(text: string): string {
  foldedCharacters ??= new RegExp(`[${[...CASE_FOLDING.keys()].join("")}]`, "gu");
  return text.toLowerCase().replace(foldedCharacters, (char) => CASE_FOLDING.get(char) ?? char);
}

/** `text` with its HTML character references decoded, as HTML5 (and Python's html.unescape) decode them. */
export function unescapeHtml(text: string): string {
  if (!text.includes("&")) {
    return text;
  }
  return text.replace(CHARACTER_REFERENCE, (_whole, reference: string) => decodeReference(reference));
}

function decodeReference(reference: string): string {
  if (reference.startsWith("#")) {
    const hexadecimal = reference[1] === "x" || reference[1] === "X";
    const digits = reference.slice(hexadecimal ? 2 : 1).replace(/;$/u, "");
    const number = parseInt(digits, hexadecimal ? 16 : 10);
    const replacement = INVALID_CHARACTER_REFERENCES.get(number);
    if (replacement !== undefined) {
      return replacement;
    }
    if ((number >= 0xd800 && number <= 0xdfff) || number > 0x10ffff) {
      return "\ufffd";
    }
    return INVALID_CODE_POINTS.has(number) ? "" : String.fromCodePoint(number);
  }
  const named = HTML_ENTITIES.get(reference);
  if (named !== undefined) {
    return named;
  }
  // The longest name that begins the reference (names such as "amp" need no ";"): the rest stays.
  const characters = [...reference];
  for (let length = characters.length - 1; length > 1; length--) {
    const prefix = HTML_ENTITIES.get(characters.slice(0, length).join(""));
    if (prefix !== undefined) {
      return prefix + characters.slice(length).join("");
    }
  }
  return `&${reference}`;
}

/** The normal form two wordings are compared in. */
export function normalise(text: string): string {
  let normal = unescapeHtml(text);
  if (normal.includes("<")) {
    normal = normal.replace(TAG, " ");
  }
  normal = normal.replaceAll("__", "").replaceAll("*", "");
  normal = caseFold(normal.normalize("NFC")).normalize("NFC");
  normal = normal.replaceAll("\u2019", "'").replaceAll("\u2018", "'");
  normal = normal.replace(WHITE_SPACE_RUN, " ");
  normal = normal.replace(/^ +| +$/gu, "");
  return normal.replace(TRAILING, "");
}

/** Whether the normal form `wording` is `server`'s, or begins it up to a word boundary (both normalised). */
export function begins(server: string, wording: string): boolean {
  if (!wording || !server.startsWith(wording)) {
    return false;
  }
  const next = server.codePointAt(wording.length);
  return next === undefined || !LETTER_OR_DIGIT.test(String.fromCodePoint(next));
}

/** The index of the longest of `wordings` (normal forms) that matches `server` (a normal form), the
 * first of equal lengths, or undefined. */
export function longestMatch(server: string, wordings: readonly string[]): number | undefined {
  let best: number | undefined;
  let bestLength = 0;
  wordings.forEach((wording, index) => {
    // Both are prefixes of `server`, so comparing lengths in UTF-16 units orders them as code points do.
    if (wording.length > bestLength && begins(server, wording)) {
      best = index;
      bestLength = wording.length;
    }
  });
  return best;
}

/** The index of the wording `serverText` matches (the longest one), or undefined. */
export function bestMatch(serverText: string, wordings: readonly string[]): number | undefined {
  return longestMatch(normalise(serverText), wordings.map(normalise));
}
