// decodeResponse(body, url): the errors an SMSPartner answer reports, as Python's iter_errors finds them.
//
// The same reading as the Python package's (smspartner_codes._errors), case for case: the repository's
// tests/decoding_cases.json holds the cases both run. An answer is read with the tables of the
// endpoint it came from; each code takes the meaning the server's text confirms (resolve()).
//
// Secrets. The URL an HTTP client reports carries the API key. It is reduced to endpoint ids at once
// (endpoint()); no result, reason or error message here holds anything else of it.
//
// What differs from Python, by necessity (each pinned by a test of npm/test/answers.test.ts):
// - XML answers give {kind: "unsupported"}: reading them needs an XML parser, and the package has no
//   dependency. An HTML page (a proxy's error page) is still recognised, and is "invalid" in both.
// - JSON.parse keeps no trace of how a number was written: {"code": 14.0} is code 14 here, where Python
//   refuses a number with a fraction; and NaN or Infinity, which Python's json module accepts, are no
//   JSON here (the answer is "invalid").
// - A JavaScript number holds integers exactly up to 2^53 only: an integer code beyond that (Python
//   keeps codes up to 60 bits, SMSPartner's have at most four digits) is no code here.

import { INTEGER_TABLES, TABLE_IDS, type TableId } from "./_data/catalog.js";
import { ITEM_LISTS, type EndpointId } from "./_data/endpoints.js";
import { ENDPOINTS, endpoint as endpointsOf, resolveInTables, tablesOf } from "./endpoints.js";
import { stripStart } from "./space.js";
import { tableKind } from "./tables.js";
import type { Endpoint, Entry, Reading } from "./types.js";

/** A field of the request the server refused: `errors[].elementId` and `errors[].message` of an answer. */
export interface FieldError {
  readonly elementId: string;
  readonly message: string;
}

/** An error an answer reports: the whole call failed (`"success": false`), or one item of a bulk answer. */
export interface ApiError {
  readonly kind: "api";
  /** The endpoint the answer came from, where known (never its URL). */
  readonly endpoint: EndpointId | null;
  /** The table the code was read with: the reading's, or the endpoint's first; null where no table reads it
   * (an endpoint whose pages give no code, a URL the catalog does not list). */
  readonly table: TableId | null;
  /** The code as the table types it (`10`, not `"10"`), or null where the answer has none. */
  readonly code: number | string | null;
  /** What the code means there, chosen by the server's text (resolve()); null for a code the tables lack. */
  readonly reading: Reading | null;
  /** The code's entry in that table (the canonical one: `reading.entry`), or null. */
  readonly entry: Entry | null;
  /** Whether the server's text is one of the reading's wordings (false where it sent none). */
  readonly matched: boolean;
  /** The server's own text: `message`, else `error` or a failed item's `status`, where it is a string. */
  readonly message: string | null;
  readonly fieldErrors: readonly FieldError[];
  /** The number of a failed item of a bulk answer. */
  readonly phoneNumber: string | null;
  /** Our English advice, where the catalog has one and the server's text does not contradict the reading. */
  readonly hint: string | null;
  /** SMSPartner's permanent flag for the code, where the table has one and the server's text does not
   * contradict the reading; else null. */
  readonly permanent: boolean | null;
}

/** A body, or an item of one, that is no SMSPartner answer: `reason` says why, quoting its start. */
export interface InvalidAnswer {
  readonly kind: "invalid";
  readonly endpoint: EndpointId | null;
  readonly table: TableId | null;
  readonly reason: string;
}

/** An error of an answer that reports some: an error of the API, or an item that is no answer's. */
export type AnswerError = ApiError | InvalidAnswer;

/** What decodeResponse finds: no error, the errors (at least one), a body that is no answer, or XML. */
export type DecodedAnswer =
  | { readonly kind: "success" }
  | { readonly kind: "errors"; readonly errors: readonly [AnswerError, ...AnswerError[]] }
  | InvalidAnswer
  | { readonly kind: "unsupported"; readonly format: "xml"; readonly reason: string };

/** What an answer is read with: the URL the request went to (a string, or a URL object), an endpoint id,
 * an Endpoint or what endpoint(url) returns; or `{ table }`, the one error table to read its codes with. */
export type AnswerSource = string | { readonly href: string } | Endpoint | readonly Endpoint[] | { readonly table: TableId };

// How much of a bad body a reason quotes, in characters.
const PREVIEW_LENGTH = 80;
// The longest code: a longer string is no code (SMSPartner's longest string code is under 60 characters).
const MAX_CODE_LENGTH = 100;
// The most digits a code written as a string may have (as Python's MAX_CODE_DIGITS).
const MAX_CODE_DIGITS = 18;
// What looks_like_xml skips before "<".
const XML_LEAD_CHARACTERS = "\ufeff \t\r\n";

/**
 * The errors an SMSPartner answer reports, read with the tables of the endpoint it came from.
 *
 * `body`: the answer's text (`await response.text()`), or its already parsed JSON. `where`: the URL the
 * request went to, as the HTTP client reports it (`response.url`), or an endpoint id (`"sms.send"`), or
 * `{ table: "sms_send" }` to read the codes with one table. Nothing of the URL is kept: it is reduced to
 * endpoint ids at once.
 *
 * Gives `{kind: "success"}` for an answer without errors; `{kind: "errors", errors}` for `"success":
 * false` (one error) and for a success holding failed items (a bulk send's `SMSResponse_List`, a status
 * list, the contacts import's `results`: one error per failed item, with its phone number), where an
 * item that is no object gives an `invalid` error; `{kind: "invalid", reason}` for a body that is no
 * SMSPartner answer (HTML, broken JSON, no success flag where the endpoint's answers have one);
 * `{kind: "unsupported"}` for XML. Whatever the body, it never throws for it; an unknown endpoint id or
 * table, or a table of states, throws a RangeError.
 */
export function decodeResponse(body: unknown, where: AnswerSource): DecodedAnswer {
  const reader = readerFor(where);
  let value = body;
  if (typeof body === "string") {
    if (looksLikeXml(body)) {
      if (isHtml(body)) {
        return reader.invalid(`an HTML page, not an answer: ${preview(body)}`);
      }
      return {
        kind: "unsupported",
        format: "xml",
        reason: "an XML answer: this package reads JSON only (ask for JSON, or read XML with Python's smspartner-codes)",
      };
    }
    try {
      value = JSON.parse(body) as unknown;
    } catch (error) {
      const name = error instanceof Error ? error.name : "error";
      return reader.invalid(`not JSON (${name}): ${preview(body)}`);
    }
  }
  return reader.answer(value);
}

/** Python's looks_like_xml: the first character past white space and byte order marks is "<" (the body
 * itself is not copied: answers can be long). */
function looksLikeXml(body: string): boolean {
  let position = 0;
  while (position < body.length && XML_LEAD_CHARACTERS.includes(body[position]!)) {
    position += 1;
  }
  return body[position] === "<";
}

/** Python's test for an HTML page among bodies that look like XML: its first 200 characters, past
 * white space, begin with a doctype or an html element. */
function isHtml(body: string): boolean {
  const start = stripStart(body.slice(0, 200)).slice(0, 14).toLowerCase();
  return start.startsWith("<!doctype html") || start.startsWith("<html");
}

// Reading an answer -----------------------------------------------------------------------------------

type JsonObject = { readonly [key: string]: unknown };

class Reader {
  constructor(
    /** The tables the codes are read with, in order. */
    readonly tables: readonly TableId[],
    /** The table given by the caller, or null: each code's reading then says. */
    readonly table: TableId | null,
    readonly endpoint: EndpointId | null,
    /** An answer without a success flag is a success (voice's audio list). */
    readonly flagless: boolean,
  ) {}

  invalid(reason: string): InvalidAnswer {
    return Object.freeze({ kind: "invalid", endpoint: this.endpoint, table: this.table ?? this.tables[0] ?? null, reason });
  }

  /** The whole answer: its own error, or one per failed item of its lists of items. */
  answer(body: unknown): DecodedAnswer {
    if (!isObject(body)) {
      return this.invalid(`the body is ${preview(body)}, not a JSON object`);
    }
    const success = field(body, "success");
    if (success === false) {
      const error = this.itemError(body, "the body");
      return found(error === null ? [] : [error]); // (never null: the body reports a failure)
    }
    const lists = ITEM_LISTS.filter((key) => Array.isArray(field(body, key)));
    if (success === undefined && lists.length === 0 && !this.flagless) {
      return this.invalid(`the body has no success flag: ${preview(body)}`);
    }
    if (success !== undefined && success !== true) {
      return this.invalid(`the body has success ${preview(success)}, not true or false: ${preview(body)}`);
    }
    // A success (flagged, or where the endpoint's answers carry no flag), or the contacts import's
    // {"results": [...], "rapport": {...}}: its failed items. An import's items must say whether they
    // failed; the items of a success may be plain statuses without a flag.
    const flagsNeeded = success === undefined;
    const errors: AnswerError[] = [];
    for (const key of lists) {
      (field(body, key) as readonly unknown[]).forEach((item, position) => {
        if (isObject(item)) {
          const itemSuccess = field(item, "success");
          if (itemSuccess === true || (itemSuccess === undefined && !flagsNeeded)) {
            return;
          }
        }
        const error = this.itemError(item, `${key}[${position}]`);
        if (error !== null) {
          errors.push(error);
        }
      });
    }
    return found(errors);
  }

  /** The error a body or an item reports; null for a success. */
  itemError(item: unknown, where: string): AnswerError | null {
    if (!isObject(item)) {
      return this.invalid(`${where} is ${preview(item)}, not a JSON object`);
    }
    const success = field(item, "success");
    if (success === true) {
      return null;
    }
    if (success !== false) {
      const got = success === undefined ? "no success flag" : `success ${preview(success)}, not true or false`;
      return this.invalid(`${where} has ${got}: ${preview(item)}`);
    }
    const rawCode = field(item, "code");
    const code = codeOf(rawCode, this.table ?? this.tables[0] ?? null);
    if (code === false) {
      return this.invalid(`${where} has code ${preview(rawCode)}, ${whyNoCode(rawCode)}`);
    }
    const message = serverText(item);
    const tables = this.table === null ? this.tables : [this.table];
    const reading = code === null || tables.length === 0 ? null : (resolveInTables(tables, code, message) ?? null);
    const matched = reading?.matched ?? false;
    // The catalog's advice stands unless the server's text says something the reading does not.
    const adviceStands = matched || !message;
    const entry = reading?.entry ?? null;
    const phoneNumber = field(item, "phoneNumber");
    return Object.freeze({
      kind: "api",
      endpoint: this.endpoint,
      table: this.table ?? reading?.table ?? this.tables[0] ?? null,
      code,
      reading,
      entry,
      matched,
      message,
      fieldErrors: Object.hasOwn(item, "errors") || Object.hasOwn(item, "error") ? fieldErrorsOf(item) : NO_FIELD_ERRORS,
      phoneNumber: typeof phoneNumber === "string" ? phoneNumber : null,
      hint: adviceStands ? (reading?.hint ?? null) : null,
      permanent: adviceStands && entry !== null && "permanent" in entry ? entry.permanent : null,
    });
  }
}

const NO_FIELD_ERRORS: readonly FieldError[] = Object.freeze([]);

function found(errors: readonly AnswerError[]): DecodedAnswer {
  const [first, ...others] = errors;
  if (first === undefined) {
    return SUCCESS;
  }
  const listed: readonly [AnswerError, ...AnswerError[]] = Object.freeze([first, ...others] as const);
  return Object.freeze({ kind: "errors", errors: listed });
}

const SUCCESS: DecodedAnswer = Object.freeze({ kind: "success" });

/** A JSON object (a plain object: what JSON.parse gives for `{...}`). */
function isObject(value: unknown): value is JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return false;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** An object's own value for `key`; undefined where it is absent or null (Python's dict.get: None for both). */
function field(item: JsonObject, key: string): unknown {
  return Object.hasOwn(item, key) ? (item[key] ?? undefined) : undefined;
}

/** The server's text: `message`, else `error` as some endpoints spell it, else a failed item's `status`. */
function serverText(item: JsonObject): string | null {
  for (const key of ["message", "error", "status"]) {
    const text = field(item, key);
    if (typeof text === "string") {
      return text;
    }
  }
  return null;
}

/** The code as the table types it, null where absent, false where it cannot be a code. */
function codeOf(raw: unknown, table: TableId | null): number | string | null | false {
  if (typeof raw === "number") {
    return Number.isSafeInteger(raw) ? raw + 0 : false; // + 0: -0 is code 0
  }
  if (raw === undefined) {
    return null;
  }
  if (typeof raw !== "string" || [...raw].length > MAX_CODE_LENGTH) {
    return false;
  }
  if (table !== null && INTEGER_TABLES.includes(table) && /^[0-9]+$/u.test(raw)) {
    const code = Number(raw);
    return raw.length <= MAX_CODE_DIGITS && Number.isSafeInteger(code) ? code : false;
  }
  return raw;
}

function whyNoCode(raw: unknown): string {
  if (typeof raw === "string" || (typeof raw === "number" && Number.isInteger(raw))) {
    return "longer than any code";
  }
  const kind = typeof raw === "boolean" ? "boolean" : typeof raw === "number" ? "number with a fraction" : Array.isArray(raw) ? "list" : "JSON object";
  return `a ${kind}, not a number or a string`;
}

/** The `(elementId, message)` pairs of `errors` (or `error`, as some endpoints spell it). */
function fieldErrorsOf(item: JsonObject): readonly FieldError[] {
  let raw = Object.hasOwn(item, "errors") ? item.errors : item.error;
  if (isObject(raw)) {
    raw = [raw];
  }
  if (!Array.isArray(raw)) {
    return NO_FIELD_ERRORS;
  }
  const pairs: FieldError[] = [];
  for (const entry of raw as readonly unknown[]) {
    if (isObject(entry)) {
      const elementId = field(entry, "elementId");
      const message = field(entry, "message");
      pairs.push(
        Object.freeze({
          elementId: typeof elementId === "string" ? elementId : "",
          message: typeof message === "string" ? message : "",
        }),
      );
    }
  }
  return Object.freeze(pairs);
}

/** The start of a value as a reason quotes it: its JSON, at most PREVIEW_LENGTH characters; never throws. */
function preview(value: unknown): string {
  let text: string;
  try {
    text = typeof value === "string" ? JSON.stringify(value.slice(0, PREVIEW_LENGTH)) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = `a ${typeof value}`;
  }
  const long = text.length > PREVIEW_LENGTH || (typeof value === "string" && value.length > PREVIEW_LENGTH);
  return long ? `${text.slice(0, PREVIEW_LENGTH - 3)}...` : text;
}

// What an answer is read with -------------------------------------------------------------------------

const UNKNOWN_TABLE = "unknown table: give { table } one of TABLE_IDS whose codes are errors";

function readerFor(where: AnswerSource): Reader {
  if (typeof where === "object" && where !== null && !Array.isArray(where) && "table" in where) {
    const table = where.table;
    if (!TABLE_IDS.includes(table)) {
      throw new RangeError(UNKNOWN_TABLE);
    }
    if (tableKind(table) !== "error") {
      throw new RangeError(`${table} lists states, not errors: check a status with lookup() (final, success)`);
    }
    return new Reader([table], table, null, false);
  }
  const endpoints = endpointsOfSource(where as Exclude<AnswerSource, { readonly table: TableId }>);
  if (endpoints.length === 0) {
    return new Reader([], null, null, false);
  }
  const flagless = endpoints.some((item) => !item.successFlag);
  return new Reader(tablesOf(endpoints), null, endpoints[0]!.id, flagless);
}

/** The endpoints a URL, an endpoint id or Endpoints name; an id the catalog lacks is a RangeError (a URL is
 * never quoted: it carries the API key). */
function endpointsOfSource(where: string | { readonly href: string } | Endpoint | readonly Endpoint[]): readonly Endpoint[] {
  if (Array.isArray(where)) {
    return where as readonly Endpoint[];
  }
  if (typeof where === "object" && where !== null && "id" in where) {
    return [where];
  }
  if (typeof where === "string" && looksLikeEndpointId(where) && !Object.hasOwn(ENDPOINTS, where)) {
    throw new RangeError("unknown endpoint id: ENDPOINTS lists them (a URL is read as a URL)");
  }
  try {
    return endpointsOf(where as string | { readonly href: string });
  } catch {
    return []; // an object whose href cannot be read: no URL of the catalog's
  }
}

function looksLikeEndpointId(text: string): boolean {
  return /^(sms|hlr|voice|mail)\.[a-z_][a-z0-9_]*$/u.test(text);
}
