// The matching rule against the cases every implementation runs (the repository's tests/wording_matching.json).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { bestMatch, normalise } from "../src/wording.js";

interface Cases {
  readonly normalise: readonly { readonly text: string; readonly normalised: string; readonly why: string }[];
  readonly match: readonly {
    readonly server: string;
    readonly wordings: readonly string[];
    readonly match: number | null;
    readonly why: string;
  }[];
}

const cases = JSON.parse(
  readFileSync(new URL("../../../tests/wording_matching.json", import.meta.url), "utf8"),
) as Cases;

test("the file has cases of both kinds", () => {
  assert.ok(cases.normalise.length >= 20 && cases.match.length >= 15);
});

for (const item of cases.normalise) {
  test(`normal form: ${item.why}`, () => {
    assert.equal(normalise(item.text), item.normalised);
  });
}

for (const item of cases.match) {
  test(`match: ${item.why}`, () => {
    assert.equal(bestMatch(item.server, item.wordings) ?? null, item.match);
  });
}
