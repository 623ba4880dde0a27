"""Render the Markdown documentation: an index and one page per table, in each language."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from codegen.labels import LABELS
from codegen.model import LANGUAGES, Catalog, Entry, Language, Table, anchor_key
from codegen.render.headers import notice
from codegen.render.output import Output
from codegen.render.templating import markdown_text, render_template


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
