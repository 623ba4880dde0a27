"""Render the Markdown documentation: an index and one page per table, in each language."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from codegen.model import LANGUAGES, Catalog, Entry, Language, Table, anchor_key
from codegen.render.headers import notice
from codegen.render.output import Output
from codegen.render.templating import markdown_text, render_template

# The words of the pages themselves, per language.
LABELS: dict[Language, dict[str, str]] = {
    "fr": {
        "site_title": "Codes de l’API SMSPartner",
        "colon": "\u00a0:",  # French puts a (no-break) space before a colon
        "intro": (
            "Chaque table de la page des codes d’erreur de SMSPartner, avec ses codes, leurs noms et leurs textes."
        ),
        "version": "Version du catalogue",
        "table": "Table",
        "table_id": "Identifiant",
        "python_enum": "Enum Python",
        "groups_enum": "Groupes",
        "count": "Codes",
        "kind": "Nature",
        "kind_error": "erreur",
        "kind_status": "statut",
        "code": "Code",
        "name": "Nom",
        "permanent": "Permanent",
        "message": "Message",
        "api_text": "Texte français (tel que l’API le renvoie)",
        "reading": "Lire une table",
        "reading_intro": (
            "Chaque table reprend une section de la page de SMSPartner. Choisissez celle de l’appel que vous avez"
            " fait : un même numéro n’a pas le même sens d’une table à l’autre."
        ),
        "code_help": "la valeur que l’API renvoie, un nombre ou, dans quelques tables, un mot.",
        "name_help": "le nom du code dans l’enum Python et dans les fichiers JSON.",
        "permanent_help": "(erreurs HLR) **oui** quand un nouvel envoi au même numéro ne peut pas réussir.",
        "final": "Final",
        "final_help": "(statuts) **oui** quand aucun rapport ultérieur ne changera plus cet état.",
        "success": "Succès",
        "success_help": (
            "(statuts) **oui** quand l’état veut dire que le message est arrivé ou que la demande a abouti."
        ),
        "hint": "Que faire (en anglais)",
        "hint_help": (
            "un conseil court, écrit en anglais, là où il aide : réessayer plus tard, corriger la requête,"
            " recharger le crédit…"
        ),
        "message_help": "le texte de SMSPartner, tel que l’API le renvoie.",
        "api_text_help": "",
        "alias_help": (
            "Un *alias* est un second nom que la page de SMSPartner donne à un code déjà listé ;"
            " sa ligne renvoie à l’entrée principale."
        ),
        "groups_help": "Les tables HLR sont découpées en groupes (`errorGrpId`), chacun avec sa description.",
        "anchor_help": "Chaque code a sa propre adresse, le nom de la table et le code après un `#`, par exemple",
        "yes": "oui",
        "no": "non",
        "group": "groupe",
        "alias_of": "alias de",
        "other_language": "English version",
        "back": "Toutes les tables",
    },
    "en": {
        "site_title": "SMSPartner API codes",
        "colon": ":",
        "intro": "Every table of SMSPartner's error-code page, with its codes, their names and their texts.",
        "version": "Catalog version",
        "table": "Table",
        "table_id": "Id",
        "python_enum": "Python enum",
        "groups_enum": "Groups",
        "count": "Codes",
        "kind": "Kind",
        "kind_error": "error",
        "kind_status": "status",
        "code": "Code",
        "name": "Name",
        "permanent": "Permanent",
        "message": "Message",
        "api_text": "French text (as the API returns it)",
        "reading": "Reading a table",
        "reading_intro": (
            "Each table is one section of SMSPartner's page. Pick the table of the endpoint you called:"
            " the same number means different things in different tables."
        ),
        "code_help": "the value the API sends: a number or, in a few tables, a word.",
        "name_help": "the code's name in the Python enum and in the JSON files.",
        "permanent_help": "(HLR errors) **yes** when sending to the same number again cannot succeed.",
        "final": "Final",
        "final_help": "(statuses) **yes** when no later report will change this state.",
        "success": "Success",
        "success_help": "(statuses) **yes** when the state means the message arrived or the request succeeded.",
        "hint": "What to do",
        "hint_help": "a short piece of advice where one helps: retry later, fix the request, top up the credit…",
        "message_help": "what the code means, in English.",
        "api_text_help": "SMSPartner's own text, which is what the API puts in its responses.",
        "alias_help": (
            "An *alias* is a second name SMSPartner's page gives to a code already listed;"
            " its row links to the main entry."
        ),
        "groups_help": "HLR tables are split into groups (`errorGrpId`), each with its description.",
        "anchor_help": "Every code has an address of its own, the table's page and the code after a `#`, for example",
        "yes": "yes",
        "no": "no",
        "group": "group",
        "alias_of": "alias of",
        "other_language": "Version française",
        "back": "All tables",
    },
}


class Row(NamedTuple):
    """What a column's cell is made from: one entry of a table, in one language."""

    table: Table
    entry: Entry
    language: Language
    anchors: dict[str, str]  # entry name -> its anchor


class Column(NamedTuple):
    """One column of the code tables: its label and help text (keys of LABELS), where it shows, and its cell."""

    label: str
    help: str
    shown: Callable[[Table, Language], bool]
    cell: Callable[[Row], str]


def _everywhere(table: Table, language: Language) -> bool:
    return True


def _code_cell(row: Row) -> str:
    return f'<a id="{row.anchors[row.entry.name]}"></a>{markdown_text(str(row.entry.code))}'


def _name_cell(row: Row) -> str:
    entry = row.entry
    name = f"`{entry.name}`"  # names are UPPER_SNAKE_CASE: nothing to escape in a code span
    if entry.alias_of:
        name += f" ({LABELS[row.language]['alias_of']} [`{entry.alias_of}`](#{row.anchors[entry.alias_of]}))"
    return name


def _message_cell(row: Row) -> str:
    return markdown_text(row.entry.message.in_language(row.language))


def _api_text_cell(row: Row) -> str:
    return markdown_text(row.entry.message.fr)


def _hint_cell(row: Row) -> str:
    return markdown_text(row.entry.hint) if row.entry.hint else ""


def _flag(value: bool | None, language: Language) -> str:
    """A yes/no flag; a set flag is bold, so that it stands out in a column of noes."""
    labels = LABELS[language]
    return f"**{labels['yes']}**" if value else labels["no"]


# The columns of every code table, in order. A new column is one line here and its label and help in LABELS.
COLUMNS: tuple[Column, ...] = (
    Column("code", "code_help", _everywhere, _code_cell),
    Column("name", "name_help", _everywhere, _name_cell),
    Column(
        "permanent",
        "permanent_help",
        lambda table, _: table.has_permanent,
        lambda row: _flag(row.entry.permanent, row.language),
    ),
    Column(
        "final",
        "final_help",
        lambda table, _: table.has_status_flags,
        lambda row: _flag(row.entry.final, row.language),
    ),
    Column(
        "success",
        "success_help",
        lambda table, _: table.has_status_flags,
        lambda row: _flag(row.entry.success, row.language),
    ),
    Column("message", "message_help", _everywhere, _message_cell),
    # Hints are ours and written in English only; the French pages show them too, labelled as English.
    Column("hint", "hint_help", lambda table, _: table.has_hints, _hint_cell),
    # The English pages also show the French text, as the API sends it.
    Column("api_text", "api_text_help", lambda _, language: language != "fr", _api_text_cell),
)


class Section(NamedTuple):
    """One Markdown table of a page, under its group heading where the table has groups."""

    heading: str
    description: str
    header: list[str]
    rows: list[list[str]]


def anchor(table: Table, entry: Entry) -> str:
    """The stable HTML id of an entry: ``<table id>-<code>``; an alias is named by its name."""
    return f"{table.id}-{anchor_key(entry.name if entry.is_alias else entry.code)}"


def table_columns(table: Table, language: Language) -> list[Column]:
    return [column for column in COLUMNS if column.shown(table, language)]


def table_sections(table: Table, language: Language) -> list[Section]:
    """The page's tables, ready to print: every cell is escaped Markdown."""
    labels = LABELS[language]
    anchors = {entry.name: anchor(table, entry) for entry in table.entries}
    columns = table_columns(table, language)
    header = [labels[column.label] for column in columns]
    sections = []
    for group, entries in table.entry_blocks:
        rows = [[column.cell(Row(table, entry, language, anchors)) for column in columns] for entry in entries]
        if group is None:
            sections.append(Section("", "", header, rows))
        else:
            heading = f"{group.name} ({labels['group']} {group.id})"
            sections.append(Section(heading, markdown_text(group.description.in_language(language)), header, rows))
    return sections


def column_guide(catalog: Catalog, language: Language) -> list[tuple[str, str]]:
    """(label, help) of every column that some table shows in this language, for the home page."""
    labels = LABELS[language]
    return [
        (labels[column.label], labels[column.help])
        for column in COLUMNS
        if any(column.shown(table, language) for table in catalog.tables)
    ]


def example_anchor(catalog: Catalog) -> tuple[str, str]:
    """A page and anchor to show how a link to one code looks: the first entry of the first table."""
    table = catalog.tables[0]
    return table.id, anchor(table, table.entries[0])


def render_docs(catalog: Catalog) -> Output:
    files: dict[str, str] = {}
    for language in LANGUAGES:
        other = next(lang for lang in LANGUAGES if lang != language)
        common = {"notice": notice(catalog), "lang": language, "other": other, "labels": LABELS[language]}
        files[f"docs/{language}/index.md"] = render_template(
            "docs/index.md.j2",
            catalog=catalog,
            columns=column_guide(catalog, language),
            example=example_anchor(catalog),
            **common,
        )
        for table in catalog.tables:
            files[f"docs/{language}/{table.id}.md"] = render_template(
                "docs/table.md.j2", table=table, sections=table_sections(table, language), **common
            )
    return Output(artefacts={path: text.encode("utf-8") for path, text in files.items()}, package_data={})
