// smspartner-codes: every code of SMSPartner's APIs, typed, with SMSPartner's French texts and our
// English. Written by hand; what depends on the catalog is generated into ./_data/ by the repository's
// `make generate`, from the same catalog as the Python package.

export * from "./_data/catalog.js";
export { ENDPOINT_IDS, ITEM_LISTS, type EndpointId } from "./_data/endpoints.js";
export {
  decodeResponse,
  type AnswerError,
  type AnswerSource,
  type ApiError,
  type DecodedAnswer,
  type FieldError,
  type InvalidAnswer,
} from "./answers.js";
export { ENDPOINTS, endpoint, resolve } from "./endpoints.js";
export { languageCode } from "./language.js";
export { lookup } from "./tables.js";
export type {
  Alias,
  CodeOf,
  Endpoint,
  EndpointField,
  EndpointUrl,
  Entry,
  EntryBase,
  Group,
  Reading,
  Variant,
  WordingLanguage,
} from "./types.js";
export { bestMatch, normalise } from "./wording.js";
