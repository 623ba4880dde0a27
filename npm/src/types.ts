// The types of the package: entries, aliases, groups, endpoints, readings, and the shapes of the
// generated records (./_data/) they are built from. The per-table types come from the generated type
// maps of ./_data/catalog.ts (TableCodes, TableNames, TableGroupIds, TableFeatures).

import type { TableCodes, TableFeatures, TableGroupIds, TableId, TableNames } from "./_data/catalog.js";
import type { EndpointId } from "./_data/endpoints.js";

/** The language of a text of record: SMSPartner's French, its English (a code its pages give in
 * English only), or null where its pages give the code no text (our English stands in). */
export type WordingLanguage = "fr" | "en" | null;

/** Another wording SMSPartner's pages give for a code, verbatim, with its language. */
export interface Variant {
  readonly text: string;
  /** "fr", "en", "es", "it" or "pt". */
  readonly lang: string;
}

/** A code of table `T`. */
export type CodeOf<T extends TableId> = TableCodes[T];

/** What every text of the catalog has: SMSPartner's text of record and its language, our English. */
interface Texts {
  /** SMSPartner's text of record, verbatim, as the API sends it: French wherever its pages give
   * French; the English they give for a code documented in English only; our English where they give
   * no text at all (`messageLanguage` says which). */
  readonly message: string;
  readonly messageLanguage: WordingLanguage;
  /** The other wordings SMSPartner's pages give for the code, in any language. */
  readonly variants: readonly Variant[];
  /** The text in `lang` ("fr", "en", "en-GB", "en_GB.UTF-8"...): "en" gives our English; any other
   * language, French included, gives `message` (no French is ever invented). */
  messageIn(lang: string): string;
}

/** A second name of a code, with its own texts: a second name SMSPartner's error page gives a code
 * (hlr_error 2053), a second meaning an endpoint's pages give it, or a former name of this package
 * (`renamed`). `lookup` gives the canonical entry, which lists its aliases. */
export interface Alias<T extends TableId = TableId> extends Texts {
  readonly table: T;
  readonly code: CodeOf<T>;
  readonly name: string;
  /** A former name of this package, kept for old code; SMSPartner's pages do not print it. */
  readonly renamed: boolean;
}

/** An upstream group of an HLR table (`statusGrpId`, `errorGrpId`). */
export interface Group<T extends TableId = TableId> {
  readonly id: TableGroupIds[T];
  readonly name: string;
  /** SMSPartner's French description. */
  readonly description: string;
  /** The description in `lang`: "en" gives our English, any other language the French. */
  descriptionIn(lang: string): string;
}

/** What every entry has. */
export interface EntryBase<T extends TableId> extends Texts {
  readonly table: T;
  readonly code: CodeOf<T>;
  /** The member name (the Python enum's), such as "NUMBER_IN_STOP_LIST". */
  readonly name: TableNames[T];
  /** The code's second names, each with its own texts (empty for most codes). */
  readonly aliases: readonly Alias<T>[];
  /** Our English advice on what to do (retry or not, what to fix), or null where none is needed. */
  readonly hint: string | null;
}

/** What the entries of some tables have besides: each key of TableFeatures. */
interface FeatureFields<T extends TableId> {
  group: {
    /** The upstream group of the code. */
    readonly group: Group<T>;
  };
  permanent: {
    /** SMSPartner's permanent flag: its verdict on that attempt, not a promise that sending again is
     * useless (upstream marks expired validity and flooding permanent too); `hint` says what to do. */
    readonly permanent: boolean;
  };
  status: {
    /** Whether the state is final: no later status will change it. */
    readonly final: boolean;
    /** Whether the state means the message got through (a success is always final). */
    readonly success: boolean;
  };
}

type FeaturesOf<T extends TableId> = ("group" extends TableFeatures[T] ? FeatureFields<T>["group"] : unknown) &
  ("permanent" extends TableFeatures[T] ? FeatureFields<T>["permanent"] : unknown) &
  ("status" extends TableFeatures[T] ? FeatureFields<T>["status"] : unknown);

/** An entry of table `T`: what `lookup` gives. With a union of table ids (`Entry` alone: any
 * table), a union of entries, which `entry.table === "hlr_error"` or `"group" in entry` narrows. */
export type Entry<T extends TableId = TableId> = T extends TableId ? EntryBase<T> & FeaturesOf<T> : never;

/** A URL the pages print for an endpoint: host and path, parameters as {name}. `misprint`: the URL
 * is another endpoint's, printed on this one's page. */
export interface EndpointUrl {
  readonly url: string;
  readonly misprint: boolean;
}

/** A payload field whose values a table lists, by the entries' code, name, group id or wording. */
export interface EndpointField {
  readonly name: string;
  readonly table: TableId;
  readonly key: "code" | "name" | "group" | "wording";
}

/** A documented endpoint of SMSPartner's APIs. */
export interface Endpoint {
  /** `<product>.<name>`, such as "sms.message_cancel". */
  readonly id: EndpointId;
  readonly product: "sms" | "hlr" | "voice" | "mail";
  /** "call": a request you send; "push": what SMSPartner sends to your URL. */
  readonly kind: "call" | "push";
  /** The HTTP method, or null for a push. */
  readonly method: string | null;
  /** The French page's title, or our English where the endpoint has no French page. */
  readonly title: string;
  /** The title in `lang`: "en" gives our English, any other language the French page's title. */
  titleIn(lang: string): string;
  /** The vendored pages that document it (under the catalog's upstream/). */
  readonly pages: readonly string[];
  /** Every URL its pages print, its own first, misprints flagged. */
  readonly urls: readonly EndpointUrl[];
  /** The tables an answer's code is read with, in order: its own, then the error page's. */
  readonly tables: readonly TableId[];
  readonly fields: readonly EndpointField[];
  /** Why the endpoint has no table, where its pages give no code at all; else null. */
  readonly noCodes: string | null;
  /** The key of the list of per-number items its answers hold (`"SMSResponse_List"`), or null. */
  readonly items: string | null;
  /** False where its answers carry no success flag (voice's audio list): an answer without one is a success. */
  readonly successFlag: boolean;
}

/** The meaning an answer's code has on an endpoint, as `resolve` finds it. */
export interface Reading extends Texts {
  /** The code's entry in the table that gave the reading. */
  readonly entry: Entry;
  /** Where the reading is the code's second meaning in that table, that alias; else null. */
  readonly alias: Alias | null;
  /** Whether the server's text is one of the reading's wordings; false where it matched none (or
   * none was given) and the reading is the catalog's default for the code. */
  readonly matched: boolean;
  readonly table: TableId;
  readonly code: number | string;
  /** The entry's name, or the alias's. */
  readonly name: string;
  /** The entry's hint; null for an alias (a hint speaks of the entry's meaning). */
  readonly hint: string | null;
}

// The shapes of the generated records ----------------------------------------------------------------

/** An entry as ./_data/records.ts gives it; optional keys are absent where the catalog gives nothing. */
export interface EntryRecord {
  readonly code: number | string;
  readonly name: string;
  readonly message: string;
  readonly messageLanguage: WordingLanguage;
  readonly en: string;
  readonly group?: number;
  readonly permanent?: boolean;
  readonly final?: boolean;
  readonly success?: boolean;
  readonly hint?: string;
  readonly aliasOf?: string;
  readonly renamed?: boolean;
  readonly variants?: readonly Variant[];
}

export interface GroupRecord {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  readonly en: string;
}

export interface TableRecord {
  readonly enum: string;
  readonly kind: "error" | "status" | "value";
  readonly codeType: "integer" | "string";
  readonly title: string;
  readonly titleEn: string;
  readonly groups: readonly GroupRecord[];
  readonly entries: readonly EntryRecord[];
  /** Other forms in which the API sends a code or a name, with the code each stands for. */
  readonly spellings?: Readonly<Record<string, number | string>>;
}

export interface EndpointRecord {
  readonly id: string;
  readonly product: "sms" | "hlr" | "voice" | "mail";
  readonly kind: "call" | "push";
  readonly method: string | null;
  readonly title: string | null;
  readonly titleEn: string;
  readonly pages: readonly string[];
  readonly urls: readonly EndpointUrl[];
  readonly tables: readonly string[];
  readonly fields: readonly { readonly name: string; readonly table: string; readonly key: EndpointField["key"] }[];
  readonly noCodes: string | null;
  readonly items: string | null;
  readonly successFlag: boolean;
}
