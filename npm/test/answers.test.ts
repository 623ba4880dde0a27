// decodeResponse against every case of the repository's tests/decoding_cases.json, which Python's
// iter_errors runs too (tests/test_documented_answers.py): both languages give the same errors.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { decodeResponse, type AnswerSource, type DecodedAnswer } from "../src/answers.js";
import { lookup } from "../src/tables.js";
import type { TableId } from "../src/_data/catalog.js";

interface AnswerCase {
  readonly id: string;
  readonly category: string;
  readonly format: "json" | "xml";
  readonly body: string;
  readonly endpoint?: string;
  readonly url?: string;
  readonly table?: TableId;
  readonly outcome: readonly unknown[];
  readonly repaired?: { readonly file: string; readonly outcome: readonly unknown[] };
}

interface CallbackCase {
  readonly id: string;
  readonly category: "callback";
  readonly callback: "hlr_notification" | "reply";
  readonly payload: Readonly<Record<string, string>>;
  readonly outcome: Readonly<Record<string, unknown>>;
}

const TESTS = new URL("../../../tests/", import.meta.url);
const cases = (JSON.parse(readFileSync(new URL("decoding_cases.json", TESTS), "utf8")) as {
  readonly cases: readonly (AnswerCase | CallbackCase)[];
}).cases;
const answers = cases.filter((item): item is AnswerCase => "body" in item);
const callbacks = cases.filter((item): item is CallbackCase => item.category === "callback");

function sourceOf(item: AnswerCase): AnswerSource {
  return item.table !== undefined ? { table: item.table } : (item.url ?? item.endpoint!);
}

/** A result in the cases' language-neutral form (their "how_to_run"); "unsupported" for XML. */
function outcomeOf(result: DecodedAnswer): readonly unknown[] | "unsupported" {
  switch (result.kind) {
    case "success":
      return [];
    case "invalid":
      return [{ error: "invalid" }];
    case "unsupported":
      return "unsupported";
    case "errors":
      return result.errors.map((error) =>
        error.kind === "invalid"
          ? { error: "invalid" }
          : {
              error: "api",
              table: error.table,
              code: error.code,
              member: error.entry?.name ?? null,
              reading: error.reading?.name ?? null,
              matched: error.matched,
              phone_number: error.phoneNumber,
              field_errors: error.fieldErrors.map((pair) => [pair.elementId, pair.message]),
            },
      );
  }
}

// An XML answer is "unsupported": the package reads no XML (it would need a parser, a dependency). An
// HTML page is the exception: both languages recognise it before reading XML, and call it invalid.
function isHtmlPage(item: AnswerCase): boolean {
  return /^\s*<(!doctype html|html)/iu.test(item.body);
}

test("every case of the file is run here: the counts", () => {
  const xml = answers.filter((item) => item.format === "xml");
  assert.equal(cases.length, answers.length + callbacks.length);
  assert.deepEqual(
    [cases.length, answers.length, answers.length - xml.length, xml.length, xml.filter(isHtmlPage).length, callbacks.length],
    [191, 182, 168, 14, 1, 9],
  );
  assert.equal(answers.filter((item) => item.repaired !== undefined).length, 38);
});

for (const item of answers) {
  test(`${item.category} ${item.id}`, () => {
    const got = outcomeOf(decodeResponse(item.body, sourceOf(item)));
    if (item.format === "xml" && !isHtmlPage(item)) {
      assert.equal(got, "unsupported");
      return;
    }
    assert.deepEqual(got, item.outcome);
    if (item.repaired !== undefined) {
      assert.deepEqual(item.outcome, [{ error: "invalid" }]); // the text as printed does not parse
      const text = readFileSync(new URL(item.repaired.file, TESTS), "utf8");
      assert.deepEqual(outcomeOf(decodeResponse(text, sourceOf(item))), item.repaired.outcome);
      assert.deepEqual(outcomeOf(decodeResponse(JSON.parse(text), sourceOf(item))), item.repaired.outcome);
    } else if (item.format === "json" && item.outcome.length !== 1) {
      // The same answer already parsed (as `await response.json()` gives it) reads the same.
      assert.deepEqual(outcomeOf(decodeResponse(JSON.parse(item.body), sourceOf(item))), item.outcome);
    }
  });
}

// A push is no answer: Python reads it with read_hlr_notification and read_reply, which this package does not
// have (their other fields are the payload's own, renamed). What the catalog gives them is checked here, with
// lookup: a reply's type ("text", "response") as an sms_reply_type member, and an HLR notification's error,
// found by errorId or by the errorName as sent (its documented trailing space included), with its group.
for (const item of callbacks) {
  test(`callback ${item.id}`, () => {
    if (item.callback === "reply") {
      assert.equal(lookup("sms_reply_type", item.payload.type!)?.name, item.outcome.type);
      return;
    }
    const { errorId, errorName } = item.payload;
    const error = lookup("hlr_error", errorId !== undefined ? Number(errorId) : errorName!);
    assert.equal(error?.name, item.outcome.error);
    assert.equal(error?.group.name, item.outcome.error_group);
    assert.equal(lookup("hlr_error", errorName!)?.name, item.outcome.error);
  });
}

// Where JavaScript cannot give Python's result, decided here ---------------------------------------------

test("{code: 14.0} is code 14: JSON.parse keeps no trace of the fraction (Python: no code, invalid)", () => {
  const result = outcomeOf(decodeResponse('{"success": false, "code": 14.0}', "sms.send"));
  assert.deepEqual(result, [
    {
      error: "api",
      table: "sms_send",
      code: 14,
      member: "NUMBER_IN_STOP_LIST",
      reading: "NUMBER_IN_STOP_LIST",
      matched: false,
      phone_number: null,
      field_errors: [],
    },
  ]);
  // A fraction that survives parsing is refused, as in Python.
  assert.deepEqual(outcomeOf(decodeResponse('{"success": false, "code": 14.5}', "sms.send")), [{ error: "invalid" }]);
});

test("NaN and Infinity are no JSON: invalid (Python's json module accepts them)", () => {
  assert.equal(decodeResponse('{"success": true, "cost": NaN}', "sms.send").kind, "invalid");
  assert.equal(decodeResponse('{"success": true, "cost": Infinity}', "sms.send").kind, "invalid");
});

test("an integer beyond 2^53 is no code: a number cannot hold it exactly (Python: a code without a member)", () => {
  for (const code of ["9007199254740993", '"9007199254740993"']) {
    assert.deepEqual(outcomeOf(decodeResponse(`{"success": false, "code": ${code}}`, "sms.send")), [{ error: "invalid" }]);
  }
  // Up to 2^53, as in Python: a code the tables lack.
  const [error] = outcomeOf(decodeResponse('{"success": false, "code": 9007199254740991}', "sms.send")) as { code: number }[];
  assert.equal(error?.code, 9007199254740991);
});

// The rest of the contract -----------------------------------------------------------------------------

test("nothing of the URL is kept: no result holds its query or a path parameter", () => {
  const results = [
    decodeResponse('{"success": false, "code": 10}', "https://api.smspartner.fr/v1/send?apiKey=SECRET-KEY"),
    decodeResponse("{broken", "https://api.smspartner.fr/v1/send?apiKey=SECRET-KEY"),
    decodeResponse('{"nb_datas": 0}', "https://api.voicepartner.fr/v1/me/SECRET-KEY"),
    decodeResponse('{"success": false}', new URL("https://example.invalid/v1/SECRET-KEY?apiKey=SECRET-KEY")),
  ];
  assert.deepEqual(
    results.map((result) => result.kind),
    ["errors", "invalid", "invalid", "errors"],
  );
  assert.ok(!JSON.stringify(results).includes("SECRET"));
});

test("the kinds narrow the result; an error has the server's text, the hint and the permanent flag", () => {
  const result = decodeResponse(
    { success: true, code: 200, SMSResponse_List: [{ success: false, code: 14, phoneNumber: "+33600000002" }] },
    "https://api.smspartner.fr/v1/bulk-send",
  );
  assert.equal(result.kind, "errors");
  if (result.kind === "errors") {
    const [error] = result.errors;
    assert.equal(error.kind, "api");
    if (error.kind === "api") {
      assert.deepEqual([error.endpoint, error.table, error.code, error.phoneNumber], ["sms.bulk_send", "sms_send", 14, "+33600000002"]);
      assert.equal(error.entry?.messageIn("en"), "The number is on the STOP SMS list");
      assert.ok(error.hint?.includes("opted out"));
    }
  }
  // A server text the catalog does not know: the reading is kept, but no advice contradicts the server.
  const unknown = decodeResponse('{"success": false, "code": 7, "message": "Something else"}', "sms.subaccount_create");
  assert.ok(unknown.kind === "errors" && unknown.errors[0].kind === "api");
  if (unknown.kind === "errors" && unknown.errors[0].kind === "api") {
    assert.deepEqual([unknown.errors[0].matched, unknown.errors[0].hint, unknown.errors[0].permanent], [false, null, null]);
    assert.equal(unknown.errors[0].message, "Something else");
  }
});

test("a wrong endpoint id or table is the caller's mistake: a RangeError, which never quotes a URL", () => {
  assert.throws(() => decodeResponse("{}", "sms.sendd"), RangeError);
  // @ts-expect-error: not a table id
  assert.throws(() => decodeResponse("{}", { table: "sms_sent" }), RangeError);
  assert.throws(() => decodeResponse("{}", { table: "dlr_status" }), /lists states, not errors/u);
  // Anything as a body is read, never thrown for.
  for (const body of [null, undefined, 1, [], "", " ", "null", "[]", { success: "yes" }, { success: true, results: "x" }]) {
    assert.ok(["invalid", "success", "errors"].includes(decodeResponse(body, "sms.send").kind));
  }
  assert.equal(decodeResponse("  <?xml version='1.0'?><result/>", "sms.send").kind, "unsupported");
});
