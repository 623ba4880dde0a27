"""Render the Markdown documentation: a home page, one page per table, the endpoints and the disagreements.

Every page is plain Markdown (CommonMark with GFM tables) that reads on any Markdown viewer;
the few HTML tags it holds give the site (docs/_ext/smspartner_site.py) what it needs to lay
the tables out: ``<a id>`` anchors on rows and sections, and on the cell of SMSPartner's text,
``<span class="wordings">`` (the other wordings, each in a ``<span lang>``) and
``<span class="sources">`` (the pages and lines), which the site folds under the text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from codegen.labels import LABELS
from codegen.model import LANGUAGES, Catalog, Disagreement, Endpoint, Entry, Language, Table, anchor_key
from codegen.render.headers import notice
from codegen.render.output import Output
from codegen.render.templating import markdown_text, render_template
from codegen.site_layout import grouped_tables
from codegen.sources import line_of, page_of


class Row(NamedTuple):
    """What a column's cell is made from: one entry of a table, in one language."""

    table: Table
    entry: Entry
    language: Language
    anchors: dict[str, str]  # entry name -> its anchor
    disagreements: dict[str, tuple[Disagreement, ...]]  # entry name -> the disagreements naming it


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
        name += "<br>" + _disagreement_link(item, row.language)
    return name


def _disagreement_link(item: Disagreement, language: Language) -> str:
    """``⚠ disagreement``, to its section; what it is about shows as the link's title."""
    target = f"disagreements.md#{disagreement_anchor(item.id)}"
    return f'[⚠ {LABELS[language]["disagreement"]}]({target} "{markdown_title(item.about)}")'


def _message_cell(row: Row) -> str:
    """Our English on the English pages; on the French ones, SMSPartner's text and what the pages add to it."""
    entry = row.entry
    if row.language != "fr":
        return markdown_text(entry.message.en)
    shown = markdown_text(entry.message.fr)
    if entry.message_language != "fr":
        note = LABELS["fr"]["message_language_en" if entry.message_language == "en" else "message_language_none"]
        shown += f'<span class="text-note"> ({note})</span>'
    return shown + _wordings_and_sources(row)


def _api_text_cell(row: Row) -> str:
    """SMSPartner's text (a dash where its pages give none), and what the pages add to it."""
    entry = row.entry
    return (markdown_text(entry.message.fr) if entry.message_language else "—") + _wordings_and_sources(row)


def _wordings_and_sources(row: Row) -> str:
    """The other wordings and the sources of an entry, each on a line of its own under SMSPartner's text."""
    labels = LABELS[row.language]
    parts = ""
    if row.entry.variants:
        wordings = " · ".join(
            f'<span lang="{variant.language}">{markdown_text(variant.text)}</span> ({variant.language})'
            for variant in row.entry.variants
        )
        parts += f'<span class="wordings"><br>{labels["variants"]}{labels["colon"]} {wordings}</span>'
    if row.entry.sources:
        pages = " · ".join(f"`{item}`" for item in compact_sources(row.entry.sources))
        parts += f'<span class="sources"><br>{labels["sources"]}{labels["colon"]} {pages}</span>'
    return parts


def markdown_title(text: str) -> str:
    """``text`` as the title of a Markdown link, between double quotes."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


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
)

# What the cell of SMSPartner's text holds under the text, for the home page's guide: (label, help) in LABELS.
CELL_PARTS = (("variants", "variants_help"), ("sources", "sources_help"))


class Section(NamedTuple):
    """One Markdown table of a page, under its group heading where the table has groups."""

    heading: str
    description: str
    header: list[str]
    rows: list[list[str]]

    @property
    def lines(self) -> list[str]:
        """The table's lines of Markdown: its header, the separator, a line per row."""
        return [table_line(self.header), "|" + "---|" * len(self.header), *map(table_line, self.rows)]


def table_line(cells: list[str]) -> str:
    return f"| {' | '.join(cells)} |"


def anchor(table: Table, entry: Entry) -> str:
    """The stable HTML id of an entry: ``<table id>-<code>``; an alias is named by its name."""
    return f"{table.id}-{anchor_key(entry.name if entry.is_alias else entry.code)}"


def table_columns(table: Table, language: Language) -> list[Column]:
    return [column for column in COLUMNS if column.shown(table, language)]


def table_sections(
    table: Table, language: Language, disagreements: dict[str, tuple[Disagreement, ...]] | None = None
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
    """(label, help) of every column that some table shows in this language, then of the parts
    of SMSPartner's text that some entry has, for the home page."""
    labels = LABELS[language]
    columns = [
        (labels[column.label], labels[column.help])
        for column in COLUMNS
        if any(column.shown(table, language) for table in catalog.tables)
    ]
    entries = [entry for table in catalog.tables for entry in table.entries]
    present = {"variants": any(entry.variants for entry in entries), "sources": any(entry.sources for entry in entries)}
    return columns + [(labels[label], labels[help]) for label, help in CELL_PARTS if present[label]]


def example_anchor(catalog: Catalog) -> tuple[str, str]:
    """A page and anchor to show how a link to one code looks: the first entry of the first table."""
    table = catalog.tables[0]
    return table.id, anchor(table, table.entries[0])


def disagreement_anchor(disagreement_id: str) -> str:
    return f"disagreement-{disagreement_id}"


def endpoint_anchor(endpoint_id: str) -> str:
    return "endpoint-" + endpoint_id.replace(".", "-")


def disagreements_of_entries(catalog: Catalog) -> dict[str, dict[str, tuple[Disagreement, ...]]]:
    """table id -> entry name -> the disagreements one of whose sides is that entry."""
    found: dict[str, dict[str, list[Disagreement]]] = {}
    for item in catalog.disagreements:
        for side in item.sides:
            if side.entry:
                table_id, _, name = side.entry.partition(".")
                items = found.setdefault(table_id, {}).setdefault(name, [])
                if item not in items:
                    items.append(item)
    return {table_id: {name: tuple(items) for name, items in names.items()} for table_id, names in found.items()}


def _entry_link(catalog: Catalog, reference: str) -> str:
    table_id, _, name = reference.partition(".")
    table = catalog.table(table_id)
    entry = next(entry for entry in table.entries if entry.name == name)
    return f"[`{reference}`]({table_id}.md#{anchor(table, entry)})"


def _endpoint_link(endpoint_id: str) -> str:
    return f"[`{endpoint_id}`](endpoints.md#{endpoint_anchor(endpoint_id)})"


def _table_chain(tables: tuple[str, ...], current: str | None = None) -> str:
    """``a`` → ``b``: each table linked, but the page's own."""
    return " → ".join(
        f"`{table_id}`" if table_id == current else f"[`{table_id}`]({table_id}.md)" for table_id in tables
    )


def _used_by(catalog: Catalog, table: Table, language: Language) -> list[str]:
    """One line per endpoint reading this table: its link and title, and the tables it reads, or its fields."""
    labels = LABELS[language]
    lines = []
    for endpoint in catalog.endpoints:
        fields = [field.name for field in endpoint.fields if field.table == table.id]
        if table.id not in endpoint.tables and not fields:
            continue
        how = _table_chain(endpoint.tables, table.id) if table.id in endpoint.tables else ""
        how += "".join(f"{'; ' if how else ''}{labels['field']} `{name}`" for name in fields)
        title = markdown_text(endpoint.title.in_language(language))
        lines.append(f"{_endpoint_link(endpoint.id)} {title}{labels['colon']} {how}")
    return lines


# The endpoints ------------------------------------------------------------------------------------


class ProductEndpoints(NamedTuple):
    """The endpoints of one product, under its heading."""

    heading: str
    endpoints: list[Endpoint]


def by_product(catalog: Catalog, language: Language) -> list[ProductEndpoints]:
    labels = LABELS[language]
    products: dict[str, list[Endpoint]] = {}
    for endpoint in catalog.endpoints:
        products.setdefault(endpoint.product, []).append(endpoint)
    return [ProductEndpoints(labels[f"product_{product}"], endpoints) for product, endpoints in products.items()]


def _method_and_urls(endpoint: Endpoint, language: Language, *, misprints: bool) -> str:
    """``POST `host/path```, one URL a line; the misprinted ones marked (or left out); a push says where it goes."""
    labels = LABELS[language]
    method = f"{endpoint.method} " if endpoint.method else ""
    urls = [
        f"{method}`{url.url}`" + (f" ({labels['misprint']})" if url.misprint else "")
        for url in endpoint.urls
        if misprints or not url.misprint
    ]
    return "<br>".join(urls) or labels["push"]


def find_call_rows(catalog: Catalog, language: Language) -> list[tuple[str, list[list[str]]]]:
    """The home page's guide: per product, each endpoint's title over its method and URLs, and its tables in order."""
    labels = LABELS[language]
    return [
        (
            product.heading,
            [
                [
                    f"[{markdown_text(endpoint.title.in_language(language))}]"
                    f"(endpoints.md#{endpoint_anchor(endpoint.id)})<br>"
                    + _method_and_urls(endpoint, language, misprints=False),
                    _table_chain(endpoint.tables) or labels["no_codes"],
                ]
                for endpoint in product.endpoints
            ],
        )
        for product in by_product(catalog, language)
    ]


def endpoint_rows(catalog: Catalog, endpoints: list[Endpoint], language: Language) -> list[list[str]]:
    labels = LABELS[language]
    by_endpoint: dict[str, list[Disagreement]] = {}
    for item in catalog.disagreements:
        for side in item.sides:
            involved = side.endpoint or _endpoint_of_entry(catalog, side.entry)
            if involved and item not in by_endpoint.setdefault(involved, []):
                by_endpoint[involved].append(item)
    rows = []
    for endpoint in endpoints:
        fields = [f"`{field.name}`: [`{field.table}`]({field.table}.md)" for field in endpoint.fields]
        notes = [_disagreement_link(item, language) for item in by_endpoint.get(endpoint.id, [])]
        pages = " · ".join(f"`{page.removeprefix('docpartner/')}`" for page in endpoint.pages)
        rows.append(
            [
                f'<a id="{endpoint_anchor(endpoint.id)}"></a>{markdown_text(endpoint.title.in_language(language))}'
                f"<br>`{endpoint.id}`"
                + "".join(f"<br>{note}" for note in notes)
                + f'<span class="sources"><br>{labels["pages"]}{labels["colon"]} {pages}</span>',
                _method_and_urls(endpoint, language, misprints=True),
                _table_chain(endpoint.tables) or labels["no_codes"],
                "<br>".join(fields) or "—",
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


# The disagreements --------------------------------------------------------------------------------

DISAGREEMENT_KINDS = ("meaning", "code", "url", "field")


class DisagreementView(NamedTuple):
    """One disagreement as its page shows it: every part is escaped Markdown."""

    anchor: str
    id: str
    about: str
    sides: list[str]
    reading: str
    why: str


def disagreement_sections(catalog: Catalog, language: Language) -> list[tuple[str, list[DisagreementView]]]:
    """Per kind of disagreement (a heading), its disagreements in catalog order."""
    labels = LABELS[language]
    sections = []
    for kind in DISAGREEMENT_KINDS:
        items = [item for item in catalog.disagreements if item.kind == kind]
        if items:
            views = [_disagreement_view(catalog, item, language) for item in items]
            sections.append((labels[f"kind_{kind}_title"], views))
    return sections


def _disagreement_view(catalog: Catalog, item: Disagreement, language: Language) -> DisagreementView:
    labels = LABELS[language]
    sides = []
    for side in item.sides:
        where = f"`{side.source.removeprefix('docpartner/')}`"
        if side.entry:
            table_id, _, name = side.entry.partition(".")
            entry = next(entry for entry in catalog.table(table_id).entries if entry.name == name)
            wording = " " + labels["quoted"].format(markdown_text(entry.wordings[0])) if entry.wordings else ""
            what = f"{_entry_link(catalog, side.entry)}{wording}"
        elif side.url:
            what = f"`{side.url}` ({_endpoint_link(side.endpoint or '')})"
        else:
            what = labels["quoted"].format(markdown_text(side.says or ""))
        sides.append(f"{where}{labels['colon']} {what}")
    if item.reading is None:
        reading = labels["both_kept"]
    elif "/" in item.reading:
        reading = f"`{item.reading}`"
    else:
        reading = _entry_link(catalog, item.reading)
    return DisagreementView(
        disagreement_anchor(item.id), item.id, markdown_text(item.about), sides, reading, markdown_text(item.why)
    )


def render_docs(catalog: Catalog) -> Output:
    files: dict[str, str] = {}
    disagreements = disagreements_of_entries(catalog)
    sections = grouped_tables(
        ((table.id, table.origin, table.kind) for table in catalog.tables),
        ((endpoint.product, endpoint.tables) for endpoint in catalog.endpoints),
    )
    for language in LANGUAGES:
        other = next(lang for lang in LANGUAGES if lang != language)
        labels = LABELS[language]
        common = {"notice": notice(catalog), "lang": language, "other": other, "labels": labels}
        files[f"docs/{language}/index.md"] = render_template(
            "docs/index.md.j2",
            catalog=catalog,
            find_call=find_call_rows(catalog, language),
            sections=[(labels[section], [catalog.table(table_id) for table_id in ids]) for section, ids in sections],
            columns=column_guide(catalog, language),
            example=example_anchor(catalog),
            **common,
        )
        for table in catalog.tables:
            files[f"docs/{language}/{table.id}.md"] = render_template(
                "docs/table.md.j2",
                table=table,
                sections=table_sections(table, language, disagreements.get(table.id, {})),
                used_by=_used_by(catalog, table, language),
                **common,
            )
        if catalog.endpoints:
            header = [labels[key] for key in ("endpoint", "urls", "tables_in_order", "fields")]
            files[f"docs/{language}/endpoints.md"] = render_template(
                "docs/endpoints.md.j2",
                header=header,
                products=[
                    (product.heading, endpoint_rows(catalog, product.endpoints, language))
                    for product in by_product(catalog, language)
                ],
                **common,
            )
            files[f"docs/{language}/disagreements.md"] = render_template(
                "docs/disagreements.md.j2", sections=disagreement_sections(catalog, language), **common
            )
    return Output(artefacts={path: text.encode("utf-8") for path, text in files.items()}, package_data={})
