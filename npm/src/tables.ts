// lookup(tableId, code): a table's entries, built from the generated records on the table's first lookup.

import { NAME_TABLES, type TableId } from "./_data/catalog.js";
import { TABLE_RECORDS } from "./_data/records.js";
import { inLanguage } from "./language.js";
import type { Alias, Entry, EntryRecord, Group, TableRecord, Variant, WordingLanguage } from "./types.js";
import { caseFold } from "./wording.js";

const NO_VARIANTS: readonly Variant[] = Object.freeze([]);

/** The texts of an entry or an alias: `messageIn` reads our English, which is kept out of sight. */
class Texts {
  readonly message: string;
  readonly messageLanguage: WordingLanguage;
  readonly variants: readonly Variant[];
  readonly #english: string;

  constructor(record: EntryRecord) {
    this.message = record.message;
    this.messageLanguage = record.messageLanguage;
    this.variants = record.variants ? Object.freeze(record.variants.map((variant) => Object.freeze({ ...variant }))) : NO_VARIANTS;
    this.#english = record.en;
  }

  messageIn(lang: string): string {
    return inLanguage(lang, this.message, this.#english);
  }
}

class CodeAlias extends Texts {
  readonly table: TableId;
  readonly code: number | string;
  readonly name: string;
  readonly renamed: boolean;

  constructor(table: TableId, record: EntryRecord) {
    super(record);
    this.table = table;
    this.code = record.code;
    this.name = record.name;
    this.renamed = record.renamed === true;
    Object.freeze(this);
  }
}

class CodeGroup {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  readonly #english: string;

  constructor(id: number, name: string, description: string, english: string) {
    this.id = id;
    this.name = name;
    this.description = description;
    this.#english = english;
    Object.freeze(this);
  }

  descriptionIn(lang: string): string {
    return inLanguage(lang, this.description, this.#english);
  }
}

/** An entry; only the fields its table has are set (`"group" in entry` is true only where groups exist). */
class CodeEntry extends Texts {
  readonly table: TableId;
  readonly code: number | string;
  readonly name: string;
  readonly aliases: readonly Alias[];
  readonly hint: string | null;
  declare readonly group?: Group;
  declare readonly permanent?: boolean;
  declare readonly final?: boolean;
  declare readonly success?: boolean;

  constructor(table: TableId, source: TableRecord, record: EntryRecord, groups: ReadonlyMap<number, Group>) {
    super(record);
    this.table = table;
    this.code = record.code;
    this.name = record.name;
    const aliases = source.entries.filter((other) => other.aliasOf === record.name);
    this.aliases = Object.freeze(aliases.map((alias) => new CodeAlias(table, alias) as unknown as Alias));
    this.hint = record.hint ?? null;
    const fields: Record<string, unknown> = {};
    if (source.groups.length > 0) {
      fields.group = groups.get(record.group!);
    }
    if (source.entries.some((entry) => entry.permanent !== undefined)) {
      fields.permanent = record.permanent === true;
    }
    if (source.kind === "status") {
      fields.final = record.final === true;
      fields.success = record.success === true;
    }
    Object.assign(this, fields);
    Object.freeze(this);
  }
}

interface TableIndex {
  readonly source: TableRecord;
  /** Each canonical entry by its code, exactly as the API sends it. */
  readonly byCode: ReadonlyMap<number | string, Entry>;
  /** Each other form that names an entry, case folded (built on the first miss). */
  spelled?: ReadonlyMap<string, Entry>;
}

const indexes = new Map<TableId, TableIndex>();

function indexOf(table: TableId): TableIndex {
  let index = indexes.get(table);
  if (index === undefined) {
    const source = Object.hasOwn(TABLE_RECORDS, table) ? TABLE_RECORDS[table] : undefined;
    if (source === undefined) {
      throw new RangeError(`unknown table ${JSON.stringify(String(table))}; TABLE_IDS lists the tables`);
    }
    const groups = new Map<number, Group>(
      source.groups.map((group) => [group.id, new CodeGroup(group.id, group.name, group.description, group.en) as Group]),
    );
    const byCode = new Map<number | string, Entry>();
    for (const record of source.entries) {
      if (record.aliasOf === undefined) {
        byCode.set(record.code, new CodeEntry(table, source, record, groups) as unknown as Entry);
      }
    }
    index = { source, byCode };
    indexes.set(table, index);
  }
  return index;
}

/** Every form that names an entry besides its exact code, case folded, the first one winning: a
 * string code in any case ("delivrd"), a documented spelling of a code or a name ("Delivered",
 * "NO_ERROR "), and, in a table whose names the API sends as values (hlr_error), a name. */
function spelledForms(table: TableId, index: TableIndex): ReadonlyMap<string, Entry> {
  const forms = new Map<string, Entry>();
  const add = (form: string, entry: Entry | undefined): void => {
    const key = caseFold(form);
    if (entry !== undefined && !forms.has(key)) {
      forms.set(key, entry);
    }
  };
  for (const entry of index.byCode.values()) {
    if (typeof entry.code === "string") {
      add(entry.code, entry);
    }
  }
  for (const [spelling, code] of Object.entries(index.source.spellings ?? {})) {
    add(spelling, index.byCode.get(code));
  }
  if (NAME_TABLES.includes(table)) {
    for (const record of index.source.entries) {
      add(record.name, index.byCode.get(record.code));
    }
  }
  return forms;
}

/**
 * The entry of table `table` for `code`, or undefined when the table has no such code.
 *
 * A code the API sends: a number for a table of integer codes (`lookup("sms_send", 14)`), a string
 * for a table of string codes (`lookup("dlr_status", "DELIVRD")`). A string is also read in any case,
 * and as every spelling of a code or a name the API is documented to send (`"Delivered"`, the HLR
 * `errorName` `"NO_ERROR "`). A code shared by two names gives the canonical entry, which lists the
 * other name in `aliases`. An unknown table id does not compile; from JavaScript it throws a RangeError.
 */
export function lookup<T extends TableId>(table: T, code: number | string): Entry<T> | undefined {
  const index = indexOf(table);
  if (typeof code !== "number" && typeof code !== "string") {
    return undefined;
  }
  const found = index.byCode.get(code);
  if (found !== undefined || typeof code !== "string") {
    return found as Entry<T> | undefined;
  }
  index.spelled ??= spelledForms(table, index);
  return index.spelled.get(caseFold(code)) as Entry<T> | undefined;
}

/** Whether a table lists errors, states (with final and success) or values; an unknown id throws a RangeError. */
export function tableKind(table: TableId): "error" | "status" | "value" {
  const source = Object.hasOwn(TABLE_RECORDS, table) ? TABLE_RECORDS[table] : undefined;
  if (source === undefined) {
    throw new RangeError(`unknown table ${JSON.stringify(String(table))}; TABLE_IDS lists the tables`);
  }
  return source.kind;
}
