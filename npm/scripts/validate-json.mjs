// Validate JSON documents against the catalog's JSON Schema with Ajv's JSON Schema 2020-12 build in
// strict mode, as a strict consumer would (tests/test_json_contract.py runs it).
//
//   node scripts/validate-json.mjs SCHEMA [--default] < requests.json
//
// --default: Ajv's default options instead of strict mode (they print strict-mode warnings, if any).
// Reads [[entry point, document], ...] on standard input: the entry point is "" for the schema's root
// (any artefact), or a $defs name ("catalog_file", "table_file"); answers, in order, null for a valid
// document or the list of Ajv's errors ("instancePath: message").
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";

const schema = JSON.parse(readFileSync(process.argv[2], "utf8"));
const ajv = process.argv[3] === "--default" ? new Ajv2020() : new Ajv2020({ strict: true, allErrors: true });
ajv.addSchema(schema);
const requests = JSON.parse(readFileSync(0, "utf8"));
const answers = requests.map(([entry, document]) => {
  const validate = ajv.getSchema(entry ? `${schema.$id}#/$defs/${entry}` : schema.$id);
  if (validate === undefined) {
    throw new Error(`the schema has no entry point ${entry}`);
  }
  return validate(document) ? null : validate.errors.map((error) => `${error.instancePath}: ${error.message}`);
});
process.stdout.write(JSON.stringify(answers));
