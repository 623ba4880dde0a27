"""Render the Markdown documentation: an index and one page per table, in each language."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from codegen.labels import LABELS
from codegen.model import LANGUAGES, Catalog, Entry, Language, Table, anchor_key
from codegen.render.headers import notice
from codegen.render.output import Output
from codegen.render.templating import markdown_text, render_template
from codegen.sources import line_of, page_of


class Row(NamedTuple):
    """What a column's cell is made from: one entry of a table, in one language."""

    table: Table
    entry: Entry
    language: Language
    anchors: dict[str, str]  # entry name -> its anchor
    disagreements: dict[str, tuple[str, ...]]  # entry name -> ids of the disagreements naming it


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
    labels = LABELS[row.language]
    if entry.alias_of:
        relation = labels["renamed_of" if entry.renamed else "alias_of"]
        name += f" ({relation} [`{entry.alias_of}`](#{row.anchors[entry.alias_of]}))"
    for item in row.disagreements.get(entry.name, ()):
        name += f" · [⚠ {labels['disagreement']}](disagreements.md#{disagreement_anchor(item)})"
    return name


def _message_cell(row: Row) -> str:
    return markdown_text(row.entry.message.in_language(row.language))


def _api_text_cell(row: Row) -> str:
    return markdown_text(row.entry.message.fr) if row.entry.message_language else "—"


def _variants_cell(row: Row) -> str:
    return " · ".join(f"{markdown_text(variant.text)} ({variant.language})" for variant in row.entry.variants)


def _sources_cell(row: Row) -> str:
    return " · ".join(f"`{item}`" for item in compact_sources(row.entry.sources))


def compact_sources(sources: tuple[str, ...]) -> list[str]:
    """``docpartner/SMS/a.md:3``, ``docpartner/SMS/a.md:5`` -> ``SMS/a.md:3,5``: one item per page."""
    pages: dict[str, list[str]] = {}
    for source in sources:
        pages.setdefault(page_of(source).removeprefix("docpartner/"), []).append(str(line_of(source)))
    return [f"{page}:{','.join(lines)}" for page, lines in pages.items()]


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
    # The English pages also show SMSPartner's text, as the API sends it.
    Column("api_text", "api_text_help", lambda _, language: language != "fr", _api_text_cell),
    Column(
        "variants", "variants_help", lambda table, _: any(entry.variants for entry in table.entries), _variants_cell
    ),
    Column("sources", "sources_help", lambda table, _: any(entry.sources for entry in table.entries), _sources_cell),
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


def table_sections(
    table: Table, language: Language, disagreements: dict[str, tuple[str, ...]] | None = None
) -> list[Section]:
    """The page's tables, ready to print: every cell is escaped Markdown."""
    labels = LABELS[language]
    anchors = {entry.name: anchor(table, entry) for entry in table.entries}
    columns = table_columns(table, language)
    header = [labels[column.label] for column in columns]
    sections = []
    for group, entries in table.entry_blocks:
        rows = [
            [column.cell(Row(table, entry, language, anchors, disagreements or {})) for column in columns]
            for entry in entries
        ]
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


def disagreement_anchor(disagreement_id: str) -> str:
    return f"disagreement-{disagreement_id}"


def endpoint_anchor(endpoint_id: str) -> str:
    return "endpoint-" + endpoint_id.replace(".", "-")


def disagreements_of_entries(catalog: Catalog) -> dict[str, dict[str, tuple[str, ...]]]:
    """table id -> entry name -> the ids of the disagreements one of whose sides is that entry."""
    found: dict[str, dict[str, list[str]]] = {}
    for item in catalog.disagreements:
        for side in item.sides:
            if side.entry:
                table_id, _, name = side.entry.partition(".")
                ids = found.setdefault(table_id, {}).setdefault(name, [])
                if item.id not in ids:
                    ids.append(item.id)
    return {table_id: {name: tuple(ids) for name, ids in names.items()} for table_id, names in found.items()}


def _entry_link(catalog: Catalog, reference: str) -> str:
    table_id, _, name = reference.partition(".")
    table = catalog.table(table_id)
    entry = next(entry for entry in table.entries if entry.name == name)
    return f"[`{reference}`]({table_id}.md#{anchor(table, entry)})"


def _endpoint_link(endpoint_id: str) -> str:
    return f"[`{endpoint_id}`](endpoints.md#{endpoint_anchor(endpoint_id)})"


def _used_by(catalog: Catalog, table: Table) -> list[str]:
    return [
        _endpoint_link(endpoint.id)
        for endpoint in catalog.endpoints
        if table.id in endpoint.tables or any(field.table == table.id for field in endpoint.fields)
    ]


def endpoint_rows(catalog: Catalog, language: Language) -> list[list[str]]:
    labels = LABELS[language]
    by_endpoint: dict[str, list[str]] = {}
    for item in catalog.disagreements:
        for side in item.sides:
            involved = side.endpoint or _endpoint_of_entry(catalog, side.entry)
            if involved and item.id not in by_endpoint.setdefault(involved, []):
                by_endpoint[involved].append(item.id)
    rows = []
    for endpoint in catalog.endpoints:
        urls = [f"`{url.url}`" + (f" ({labels['misprint']})" if url.misprint else "") for url in endpoint.urls] or [
            labels["push"]
        ]
        tables = " → ".join(f"[`{table_id}`]({table_id}.md)" for table_id in endpoint.tables) or labels["no_codes"]
        fields = [f"`{field.name}`: [`{field.table}`]({field.table}.md)" for field in endpoint.fields]
        notes = [
            f"[⚠ {labels['disagreement']}](disagreements.md#{disagreement_anchor(item)})"
            for item in by_endpoint.get(endpoint.id, [])
        ]
        rows.append(
            [
                f'<a id="{endpoint_anchor(endpoint.id)}"></a>`{endpoint.id}`<br>'
                + markdown_text(endpoint.title.in_language(language))
                + ("".join(f"<br>{note}" for note in notes)),
                endpoint.method or "—",
                "<br>".join(urls),
                tables,
                "<br>".join(fields) or "—",
                "<br>".join(f"`{page.removeprefix('docpartner/')}`" for page in endpoint.pages),
            ]
        )
    return rows


def _endpoint_of_entry(catalog: Catalog, reference: str | None) -> str | None:
    """The one endpoint using the table of an entry of the endpoint pages (None for a seed table)."""
    if reference is None:
        return None
    table_id = reference.partition(".")[0]
    if catalog.table(table_id).is_seed:
        return None
    return next((endpoint.id for endpoint in catalog.endpoints if table_id in endpoint.tables), None)


def disagreement_rows(catalog: Catalog, language: Language) -> list[list[str]]:
    labels = LABELS[language]
    rows = []
    for item in catalog.disagreements:
        sides = []
        for side in item.sides:
            where = f"`{side.source.removeprefix('docpartner/')}`"
            if side.entry:
                table_id, _, name = side.entry.partition(".")
                entry = next(entry for entry in catalog.table(table_id).entries if entry.name == name)
                what = (
                    f"{_entry_link(catalog, side.entry)} {markdown_text(entry.wordings[0]) if entry.wordings else ''}"
                )
            elif side.url:
                what = f"`{side.url}` ({_endpoint_link(side.endpoint or '')})"
            else:
                what = f"« {markdown_text(side.says or '')} »"
            sides.append(f"{where}{labels['colon']} {what.strip()}")
        if item.reading is None:
            reading = labels["both_kept"]
        elif "/" in item.reading:
            reading = f"`{item.reading}`"
        else:
            reading = _entry_link(catalog, item.reading)
        rows.append(
            [
                f'<a id="{disagreement_anchor(item.id)}"></a>`{item.id}`<br>{labels["kind_" + item.kind]}',
                markdown_text(item.about),
                "<br>".join(sides),
                reading,
                markdown_text(item.why),
            ]
        )
    return rows


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
        disagreements = disagreements_of_entries(catalog)
        for table in catalog.tables:
            files[f"docs/{language}/{table.id}.md"] = render_template(
                "docs/table.md.j2",
                table=table,
                sections=table_sections(table, language, disagreements.get(table.id, {})),
                used_by=_used_by(catalog, table),
                **common,
            )
        if catalog.endpoints:
            labels = LABELS[language]
            listings = (
                ("endpoints", ("endpoint", "method", "urls", "tables_in_order", "fields", "pages"), endpoint_rows),
                ("disagreements", ("disagreement_id", "about", "sides", "reading_chosen", "why"), disagreement_rows),
            )
            for page, header, rows in listings:
                files[f"docs/{language}/{page}.md"] = render_template(
                    "docs/listing.md.j2",
                    page=page,
                    title=labels[page],
                    intro=labels[f"{page}_intro"],
                    header=[labels[key] for key in header],
                    rows=rows(catalog, language),
                    **common,
                )
    return Output(artefacts={path: text.encode("utf-8") for path, text in files.items()}, package_data={})
