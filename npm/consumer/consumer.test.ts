// A TypeScript project using the installed smspartner-codes tarball as a team would: every export,
// compiled with tsc --strict, run with node's own test runner (tests/test_npm_package.py does both).
import assert from "node:assert/strict";
import { test } from "node:test";

import * as everything from "smspartner-codes";
import {
  CATALOG_LANGUAGES, CATALOG_VERSION, DeliveryStatus, DlrStatus, ENDPOINT_IDS, ENDPOINTS, HlrError,
  HlrErrorGroup, HlrStatus, HlrStatusGroup, INTEGER_TABLES, NAME_TABLES, SmsSendError, TABLE_IDS,
  ITEM_LISTS, bestMatch, decodeResponse, endpoint, languageCode, lookup, normalise, resolve,
  type Alias, type AnswerError, type AnswerSource, type ApiError, type DecodedAnswer, type FieldError,
  type InvalidAnswer, type CodeOf, type Endpoint, type EndpointField, type EndpointId, type EndpointUrl, type Entry,
  type EntryBase, type Group, type Reading, type TableCodes, type TableFeatures, type TableGroupIds,
  type TableId, type TableNames, type Variant, type WordingLanguage,
} from "smspartner-codes";

test("an HLR callback's errorId 2053 and a send answer's code 14, without a cast or a hand-written table", () => {
  const blacklisted = lookup("hlr_error", HlrError.EC_BLACKLISTED_SENDERADDRESS);
  assert.ok(blacklisted);
  const code: 2053 = blacklisted.code === 2053 ? blacklisted.code : 2053; // literal code types
  assert.equal(code, HlrError.EC_SOURCE_ADDRESS_BLACKLISTED); // the second name of 2053
  assert.equal(blacklisted.name, "EC_BLACKLISTED_SENDERADDRESS"); // the canonical entry, not its alias
  assert.deepEqual(blacklisted.aliases.map((alias: Alias) => alias.name), ["EC_SOURCE_ADDRESS_BLACKLISTED"]);
  const group: Group<"hlr_error"> = blacklisted.group; // the group joined: id and name
  assert.deepEqual([group.id, group.name], [HlrErrorGroup.USER_ERRORS, "USER_ERRORS"]);
  assert.equal(group.descriptionIn("en"), "A user error occurred.");
  assert.equal(blacklisted.permanent, true);
  const stop = lookup("sms_send", 14);
  assert.equal(stop?.message, "Le numéro est dans la liste des STOP SMS");
  assert.equal(stop?.messageIn("en-GB"), "The number is on the STOP SMS list");
  assert.equal(stop?.messageIn("de"), stop?.message); // a language we lack: SMSPartner's text
  assert.equal(stop?.code satisfies SmsSendError | undefined, SmsSendError.NUMBER_IN_STOP_LIST);
  assert.equal(lookup("sms_send", 9999), undefined);
  // @ts-expect-error: an unknown table id does not compile
  assert.throws(() => lookup("sms_sent", 14), RangeError);
  // @ts-expect-error: an SMS send error has no group
  assert.equal(stop?.group, undefined);
  // @ts-expect-error: 9999 is no code of HlrError
  const wrong: HlrError = 9999;
  assert.equal(wrong, 9999);
});

test("statuses in every documented spelling, final and success where the table has them", () => {
  const delivered = lookup("delivery_status", "Delivered");
  assert.equal(delivered?.code, DeliveryStatus.DELIVERED);
  assert.equal(delivered?.final && delivered.success, true);
  assert.equal(lookup("dlr_status", "delivrd")?.code, DlrStatus.DELIVRD);
  assert.equal(lookup("hlr_error", "NO_ERROR ")?.code, 0);
  const pending = lookup("hlr_status", HlrStatus.PENDING_ENROUTE);
  assert.deepEqual([pending?.final, pending?.group.id], [false, HlrStatusGroup.PENDING]);
});

test("any table, narrowed by its id or by the fields it has", () => {
  const texts: string[] = [];
  for (const table of TABLE_IDS) {
    const tableId: TableId = table;
    const first: Entry | undefined = lookup(tableId, tableId.startsWith("d") ? "DELIVRD" : 0);
    if (first !== undefined && "final" in first) {
      texts.push(`${first.table} ${first.code} final=${first.final}`);
    }
    if (first?.table === "hlr_error") {
      const named: TableNames["hlr_error"] = first.name;
      const groupId: TableGroupIds["hlr_error"] = first.group.id;
      texts.push(`${named} ${groupId}`);
    }
  }
  assert.deepEqual(texts, ["dlr_status DELIVRD final=true", "NO_ERROR 0"]);
  const base: EntryBase<"sms_send"> | undefined = lookup("sms_send", 14);
  const codes: CodeOf<"sms_send">[] = [SmsSendError.NUMBER_IN_STOP_LIST];
  const also: TableCodes["sms_send"][] = codes;
  const features: TableFeatures["hlr_error"][] = ["group", "permanent", "hint", "aliases"];
  const language: WordingLanguage = base?.messageLanguage ?? null;
  const variants: readonly Variant[] = lookup("hlr_error", 0)?.variants ?? [];
  assert.deepEqual([also, features.length, language], [[14], 4, "fr"]);
  assert.ok(variants.some((variant) => variant.text === "No Error" && variant.lang === "en"));
  assert.deepEqual([CATALOG_LANGUAGES[0], INTEGER_TABLES.includes("sms_send"), NAME_TABLES], ["fr", true, ["hlr_error"]]);
  assert.match(CATALOG_VERSION, /^\d+\.\d+\.\d+$/);
  assert.equal(languageCode("en_GB.UTF-8"), "en");
});

test("endpoints: a URL resolved without keeping its API key, and what a code means on it", () => {
  const id: EndpointId = "sms.message_cancel";
  const cancel: Endpoint = ENDPOINTS[id];
  const url: EndpointUrl | undefined = cancel.urls[0];
  const fields: readonly EndpointField[] = ENDPOINTS["hlr.notify"].fields;
  assert.deepEqual([cancel.method, url?.misprint, ENDPOINT_IDS.length > 40], ["GET", false, true]);
  assert.ok(fields.some((field) => field.name === "errorName" && field.table === "hlr_error"));
  const found = endpoint(new URL("https://api.smspartner.fr/v1/message-cancel?apiKey=SECRET"));
  assert.deepEqual(found.map((item) => item.id), ["sms.message_cancel", "mail.message_cancel"]);
  assert.ok(!JSON.stringify(found).includes("SECRET"));
  const reading: Reading | undefined = resolve(found, 5, "SMS sending has already been cancelled");
  assert.deepEqual([reading?.table, reading?.name, reading?.matched], ["sms_message_cancel_control", "ALREADY_CANCELLED", true]);
  assert.equal(resolve("sms.send", "14")?.entry.code, 14);
  assert.equal(normalise("Tout s’est bien passé !"), "tout s'est bien passé");
  assert.equal(bestMatch("Clé API incorrecte : détails", ["Clé API", "Clé API incorrecte"]), 1);
});

test("an answer decoded from its text and the URL the request went to, every kind handled", () => {
  // What a Node integrator writes after `const response = await fetch(url, ...)`: the text and response.url.
  const url: AnswerSource = "https://api.smspartner.fr/v1/bulk-send?apiKey=SECRET";
  const text = JSON.stringify({
    success: true,
    code: 200,
    SMSResponse_List: [
      { success: true, code: 200, phoneNumber: "+33600000001" },
      { success: false, code: 14, phoneNumber: "+33600000002", message: "Le numéro est dans la liste des STOP SMS" },
    ],
  });
  const lines: string[] = [];
  const describe = (result: DecodedAnswer): void => {
    switch (result.kind) {
      case "success":
        lines.push("sent");
        break;
      case "errors":
        for (const error of result.errors satisfies readonly AnswerError[]) {
          if (error.kind === "api") {
            const api: ApiError = error;
            const fields: readonly FieldError[] = api.fieldErrors;
            lines.push(`${api.phoneNumber} ${api.table} ${api.code} ${api.entry?.name} matched=${api.matched} ${fields.length}`);
          } else {
            const invalid: InvalidAnswer = error;
            lines.push(`invalid item: ${invalid.reason}`);
          }
        }
        break;
      case "invalid":
        lines.push(`not an answer: ${result.reason.slice(0, 8)}`);
        break;
      case "unsupported":
        lines.push(`${result.format}: unsupported`);
        break;
      default: {
        const none: never = result; // every kind is handled above
        throw new Error(String(none));
      }
    }
  };
  describe(decodeResponse(text, url));
  const parsed: unknown = JSON.parse('{"success": true, "code": 200, "message_id": 307}'); // as response.json() gives it
  describe(decodeResponse(parsed, new URL("https://api.smspartner.fr/v1/send")));
  describe(decodeResponse("<html>502 Bad Gateway</html>", "sms.send"));
  describe(decodeResponse("<?xml version='1.0'?><result><entry>true</entry></result>", "sms.send"));
  describe(decodeResponse('{"success": false, "code": 11}', { table: "sms_send" }));
  assert.deepEqual(lines, [
    "+33600000002 sms_send 14 NUMBER_IN_STOP_LIST matched=true 0",
    "sent",
    "not an answer: an HTML ",
    "xml: unsupported",
    "null sms_send 11 INSUFFICIENT_CREDIT matched=false 0",
  ]);
  // @ts-expect-error: an unknown table id does not compile
  assert.throws(() => decodeResponse("{}", { table: "sms_sent" }), RangeError);
  assert.deepEqual([ENDPOINTS["sms.bulk_send"].items, ENDPOINTS["voice.audio_list"].successFlag], ["SMSResponse_List", false]);
  assert.ok(ITEM_LISTS.includes("StatutResponse_List"));
});

test("every export is used here: the table and group constants, and the names above", () => {
  const named = [
    "CATALOG_LANGUAGES", "CATALOG_VERSION", "ENDPOINTS", "ENDPOINT_IDS", "INTEGER_TABLES", "ITEM_LISTS", "NAME_TABLES",
    "TABLE_IDS", "bestMatch", "decodeResponse", "endpoint", "languageCode", "lookup", "normalise", "resolve",
  ];
  const constants = Object.entries(everything).filter(([name]) => !named.includes(name));
  // The rest: one constant per table, whose names and codes are its entries' and aliases', and one per
  // group enum (HlrErrorGroup, HlrStatusGroup).
  const tables = new Set<string>();
  for (const [name, value] of constants) {
    const members = Object.entries(value as Record<string, number | string>);
    const fits = TABLE_IDS.filter((id) =>
      members.every(([member, code]) => {
        const entry = lookup(id, code);
        return entry?.code === code && (entry.name === member || entry.aliases.some((alias) => alias.name === member));
      }),
    );
    assert.ok(fits.length > 0 || name.endsWith("Group"), name);
    fits.forEach((table) => tables.add(table));
  }
  assert.equal(tables.size, TABLE_IDS.length);
  assert.equal(constants.length, TABLE_IDS.length + 2);
});
