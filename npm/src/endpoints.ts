// SMSPartner's documented endpoints: ENDPOINTS, endpoint(url) and resolve(endpoint, code, message).
//
// Secrets. The URL an HTTP client reports carries the API key (`?apiKey=...`, `/v1/me/KEY`).
// endpoint() reads it once, to find the endpoint's path, and keeps nothing of it: no result, error
// message or cache here holds a query string or a path parameter's value.

import { INTEGER_TABLES, type TableId } from "./_data/catalog.js";
import { ENDPOINT_RECORDS, type EndpointId } from "./_data/endpoints.js";
import { inLanguage } from "./language.js";
import { strip } from "./space.js";
import { lookup } from "./tables.js";
import type { Alias, Endpoint, EndpointRecord, Entry, Reading, Variant, WordingLanguage } from "./types.js";
import { begins, normalise } from "./wording.js";

function makeEndpoint(record: EndpointRecord): Endpoint {
  const { title, titleEn } = record;
  return Object.freeze({
    id: record.id as EndpointId,
    product: record.product,
    kind: record.kind,
    method: record.method,
    title: title ?? titleEn,
    titleIn: (lang: string): string => (title === null ? titleEn : inLanguage(lang, title, titleEn)),
    pages: Object.freeze([...record.pages]),
    urls: Object.freeze(record.urls.map((url) => Object.freeze({ url: url.url, misprint: url.misprint }))),
    tables: Object.freeze([...record.tables]) as readonly TableId[],
    fields: Object.freeze(
      record.fields.map((field) => Object.freeze({ name: field.name, table: field.table as TableId, key: field.key })),
    ),
    noCodes: record.noCodes,
    items: record.items,
    successFlag: record.successFlag,
  });
}

/** Every documented endpoint by id (`"sms.message_cancel"`: product, then name), in the catalog's order. */
export const ENDPOINTS: { readonly [Id in EndpointId]: Endpoint } = Object.freeze(
  Object.fromEntries(ENDPOINT_RECORDS.map((record) => [record.id, makeEndpoint(record)])) as {
    [Id in EndpointId]: Endpoint;
  },
);

// endpoint(url) ---------------------------------------------------------------------------------------

interface PathTemplate {
  /** The path's segments, null for a {parameter}. */
  readonly segments: readonly (string | null)[];
  /** The endpoint's position in the catalog, plus the number of endpoints for a misprint: sorted
   * ranks give the owners first, each group in the catalog's order. */
  readonly rank: number;
}

const ranked: readonly Endpoint[] = Object.values(ENDPOINTS);
interface PathIndex {
  /** Per host, each path without parameters ("v1/me") with every endpoint it resolves to, in order. */
  readonly exact: Map<string, Map<string, readonly Endpoint[]>>;
  /** Per host and number of segments ("api.smspartner.fr 3"), the paths with parameters. */
  readonly withParameters: Map<string, PathTemplate[]>;
}

let index: PathIndex | undefined;

/** The URL paths of the catalog, read for speed (built on the first call of endpoint()); nothing a
 * caller gives is ever added. */
function pathIndex(): PathIndex {
  if (index !== undefined) {
    return index;
  }
  const all = new Map<string, PathTemplate[]>(); // per host and number of segments
  ENDPOINT_RECORDS.forEach((record, position) => {
    for (const url of record.urls) {
      const [host, ...path] = url.url.split("/");
      const segments = path.map((segment) => (segment.startsWith("{") && segment.endsWith("}") ? null : segment));
      const key = `${host!} ${segments.length}`;
      all.set(key, [...(all.get(key) ?? []), { segments, rank: position + (url.misprint ? ranked.length : 0) }]);
    }
  });
  const exact = new Map<string, Map<string, readonly Endpoint[]>>();
  const withParameters = new Map<string, PathTemplate[]>();
  for (const [key, templates] of all) {
    const host = key.slice(0, key.lastIndexOf(" "));
    const paths = exact.get(host) ?? new Map<string, readonly Endpoint[]>();
    exact.set(host, paths);
    for (const template of templates) {
      if (template.segments.includes(null)) {
        withParameters.set(key, [...(withParameters.get(key) ?? []), template]);
      } else {
        const literal = template.segments as string[];
        paths.set(literal.join("/"), inOrder(templates.filter((other) => fits(literal, other.segments))));
      }
    }
  }
  index = { exact, withParameters };
  return index;
}

/** The endpoints of `templates`, owners first, each group in the catalog's order, each endpoint once. */
function inOrder(templates: readonly PathTemplate[]): readonly Endpoint[] {
  const found: Endpoint[] = [];
  for (const rank of [...new Set(templates.map((template) => template.rank))].sort((a, b) => a - b)) {
    const item = ranked[rank % ranked.length]!;
    if (!found.includes(item)) {
      found.push(item);
    }
  }
  return Object.freeze(found);
}

/** `"https://user@API.smspartner.fr:443/v1/me/?apiKey=x"` gives `["api.smspartner.fr", "v1/me"]`; an
 * unknown scheme gives an empty host, which no endpoint has. */
function hostAndPath(url: string): [string, string] {
  let rest = strip(url);
  const schemeEnd = rest.indexOf("://");
  if (schemeEnd >= 0) {
    const scheme = rest.slice(0, schemeEnd).toLowerCase();
    if (scheme !== "https" && scheme !== "http") {
      return ["", ""];
    }
    rest = rest.slice(schemeEnd + 3);
  }
  rest = rest.split("?")[0]!.split("#")[0]!;
  const slash = rest.indexOf("/");
  const authority = slash >= 0 ? rest.slice(0, slash) : rest;
  const path = slash >= 0 ? rest.slice(slash + 1) : "";
  const host = authority.slice(authority.lastIndexOf("@") + 1).split(":")[0]!.toLowerCase();
  return [host, path.replace(/\/+$/u, "")];
}

/** Whether a URL's path segments are a template's: literal segments equal, a parameter any non-empty value. */
function fits(segments: readonly string[], template: readonly (string | null)[]): boolean {
  return (
    segments.length === template.length &&
    segments.every((segment, index) => segment === template[index] || (template[index] === null && segment !== ""))
  );
}

/**
 * The endpoints `url` belongs to, in the catalog's order; empty for a URL the docs don't list.
 *
 * `url` is the URL a request went to (a string, or a URL object: its `href` is read): http or https, with its query
 * string, path parameters filled in (`.../v1/me/<your key>`). Scheme-less `api.smspartner.fr/v1/send`
 * and a trailing slash are accepted; the host's case, a port and user information are ignored. It
 * may also be an endpoint id (`"sms.send"`). A URL can belong to several endpoints: those whose own
 * URL it is come first, then those whose pages misprint it. Nothing of `url` is kept.
 */
export function endpoint(url: string | { readonly href: string }): readonly Endpoint[] {
  const text = typeof url === "string" ? url : String(url.href);
  if (Object.hasOwn(ENDPOINTS, text)) {
    return Object.freeze([ENDPOINTS[text as EndpointId]]);
  }
  const [host, path] = hostAndPath(text);
  const { exact, withParameters } = pathIndex();
  const paths = exact.get(host);
  if (paths === undefined) {
    return NO_ENDPOINTS;
  }
  const found = paths.get(path);
  if (found !== undefined) {
    return found;
  }
  const segments = path.split("/");
  const templates = withParameters.get(`${host} ${segments.length}`);
  return templates === undefined ? NO_ENDPOINTS : inOrder(templates.filter((template) => fits(segments, template.segments)));
}

const NO_ENDPOINTS: readonly Endpoint[] = Object.freeze([]);

// resolve(endpoint, code, message) --------------------------------------------------------------------

class CodeReading implements Reading {
  readonly entry: Entry;
  readonly alias: Alias | null;
  readonly matched: boolean;

  constructor(entry: Entry, alias: Alias | null, matched: boolean) {
    this.entry = entry;
    this.alias = alias;
    this.matched = matched;
    Object.freeze(this);
  }

  get table(): TableId {
    return this.entry.table;
  }
  get code(): number | string {
    return this.entry.code;
  }
  get name(): string {
    return (this.alias ?? this.entry).name;
  }
  get message(): string {
    return (this.alias ?? this.entry).message;
  }
  get messageLanguage(): WordingLanguage {
    return (this.alias ?? this.entry).messageLanguage;
  }
  get variants(): readonly Variant[] {
    return (this.alias ?? this.entry).variants;
  }
  get hint(): string | null {
    return this.alias === null ? this.entry.hint : null;
  }
  messageIn(lang: string): string {
    return (this.alias ?? this.entry).messageIn(lang);
  }
}

/** A meaning of a code: an entry or one of its aliases, with its wordings' normal forms. */
interface Candidate {
  readonly entry: Entry;
  readonly alias: Alias | null;
  readonly wordings: readonly string[];
}

/** A meaning's documented wordings, as printed: its text of record where SMSPartner gives one, and the others. */
function textsOf(meaning: Entry | Alias): string[] {
  const texts = meaning.messageLanguage === null ? [] : [meaning.message];
  return [...texts, ...meaning.variants.map((variant) => variant.text)];
}

function wordingsOf(meaning: Entry | Alias): string[] {
  return textsOf(meaning).map(normalise);
}

// Per table and entry: the entry, then its aliases, each with its wordings' normal forms. Only
// entries of the catalog are kept: at most one item per entry.
const candidatesByEntry = new WeakMap<Entry, readonly Candidate[]>();

function candidatesOf(entry: Entry): readonly Candidate[] {
  let found = candidatesByEntry.get(entry);
  if (found === undefined) {
    found = [entry, ...entry.aliases].map((meaning) => ({
      entry,
      alias: meaning === entry ? null : (meaning as Alias),
      wordings: wordingsOf(meaning),
    }));
    candidatesByEntry.set(entry, found);
  }
  return found;
}

const UNKNOWN_ENDPOINT =
  "unknown endpoint: give an Endpoint, an endpoint id (ENDPOINTS lists them), or what endpoint(url) returns for a URL";

/** The tables of one or several endpoints, in order, each once. Never quotes what it was given: a URL
 * passed here by mistake would print its API key. (Also read by decodeResponse.) */
export function tablesOf(endpoints: Endpoint | EndpointId | readonly (Endpoint | EndpointId)[]): TableId[] {
  const items: readonly (Endpoint | EndpointId)[] = Array.isArray(endpoints) ? endpoints : [endpoints as Endpoint];
  const tables: TableId[] = [];
  for (const item of items) {
    const record = typeof item === "string" ? (Object.hasOwn(ENDPOINTS, item) ? ENDPOINTS[item] : undefined) : item;
    if (record === undefined || record === null || !Array.isArray(record.tables)) {
      throw new RangeError(UNKNOWN_ENDPOINT);
    }
    tables.push(...record.tables.filter((table) => !tables.includes(table)));
  }
  return tables;
}

/** `"10"` is code 10 in a table of integer codes, as the answers of some endpoints spell it. */
function asTableCode(table: TableId, code: number | string): number | string {
  return typeof code === "string" && /^[0-9]+$/u.test(code) && INTEGER_TABLES.includes(table) ? Number(code) : code;
}

/**
 * The meaning `code` has in an answer of `endpoint`, or undefined where its tables lack the code.
 *
 * `endpoint`: an Endpoint, an endpoint id, or several (what `endpoint(url)` gives for a URL that
 * belongs to more than one: their tables are read in turn, each once); an unknown id throws a
 * RangeError. `code`: as the answer carries it (10, "10", "DELIVRD"). `message`: the server's text.
 *
 * The candidates are the code's entry in each table, in order, each followed by its aliases (the
 * code's second meanings there). The candidate one of whose wordings the server's text matches (the
 * longest wording winning) is the reading, with `matched` true; otherwise the first candidate, the
 * reading the catalog chose for the code, with `matched` false.
 */
export function resolve(
  endpoint: Endpoint | EndpointId | readonly (Endpoint | EndpointId)[],
  code: number | string,
  message?: string | null,
): Reading | undefined {
  const tables = tablesOf(endpoint); // first: an unknown endpoint throws, whatever the code
  return resolveInTables(tables, code, message);
}

/** `resolve` on tables given by id, in order: what decodeResponse calls once it knows the tables (an
 * endpoint's, or the one table it was given). */
export function resolveInTables(
  tables: readonly TableId[],
  code: number | string,
  message?: string | null,
): Reading | undefined {
  if (!(typeof code === "string" || Number.isInteger(code))) {
    return undefined;
  }
  const meanings = meaningsOf(tables, code);
  if (meanings === null) {
    return undefined;
  }
  if (message) {
    const found = meanings.verbatim.get(message) ?? matching(meanings.candidates, normalise(message));
    if (found !== undefined) {
      return found;
    }
  }
  return meanings.fallback;
}

/** What a code means on some tables: its candidates, the reading the catalog chose (unmatched), and the
 * reading a server text gets that is one of the documented wordings as printed (found without normalising
 * it: a bulk answer repeats the same texts). Readings are immutable, and shared. */
interface Meanings {
  readonly candidates: readonly Candidate[];
  readonly fallback: Reading;
  readonly verbatim: ReadonlyMap<string, Reading>;
}

// Worked out once per tables and code; a code a caller makes up is kept too, up to MAX_KEPT of them.
const meaningsByKey = new Map<string, Meanings | null>();
const MAX_KEPT = 4096;
const MAX_KEPT_CODE_LENGTH = 100;

function meaningsOf(tables: readonly TableId[], code: number | string): Meanings | null {
  const keep = typeof code === "number" || code.length <= MAX_KEPT_CODE_LENGTH;
  const key = keep ? `${tables.join(" ")}\n${typeof code}\n${code}` : "";
  let found = keep ? meaningsByKey.get(key) : undefined;
  if (found === undefined) {
    found = workedOut(tables, code);
    if (keep && meaningsByKey.size < MAX_KEPT) {
      meaningsByKey.set(key, found);
    }
  }
  return found;
}

function workedOut(tables: readonly TableId[], code: number | string): Meanings | null {
  const candidates: Candidate[] = [];
  for (const table of tables) {
    const entry = lookup(table, asTableCode(table, code)) as Entry | undefined;
    if (entry !== undefined) {
      candidates.push(...candidatesOf(entry));
    }
  }
  const first = candidates[0];
  if (first === undefined) {
    return null;
  }
  const verbatim = new Map<string, Reading>();
  for (const candidate of candidates) {
    for (const text of textsOf(candidate.alias ?? candidate.entry)) {
      const found = matching(candidates, normalise(text));
      if (found !== undefined && !verbatim.has(text)) {
        verbatim.set(text, found);
      }
    }
  }
  return { candidates, fallback: new CodeReading(first.entry, first.alias, false), verbatim };
}

/** The reading whose wording the server's text (a normal form) matches, the longest winning; undefined if none. */
function matching(candidates: readonly Candidate[], server: string): Reading | undefined {
  let best: Candidate | undefined;
  let bestLength = 0;
  for (const candidate of candidates) {
    for (const wording of candidate.wordings) {
      if (wording.length > bestLength && begins(server, wording)) {
        best = candidate;
        bestLength = wording.length;
      }
    }
  }
  return best === undefined ? undefined : new CodeReading(best.entry, best.alias, true);
}
