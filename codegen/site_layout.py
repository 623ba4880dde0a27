"""How the documentation groups the tables: one rule for the home page and the site's menu.

The Markdown renderer (codegen/render/docs.py) lists the tables on the home page in these
sections, and the site builder (docs/build.py, which reads json/catalog.json) gives its menu
the same sections, in the same order. Both pass plain values, so this module imports nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

# The products of SMSPartner's endpoints, in the order of its documentation (codegen.model: <product>.<name>).
PRODUCTS = ("sms", "hlr", "voice", "mail")

# The sections, in order; each is a key of codegen.labels.LABELS.
ERROR_PAGE = "section_error_page"
VOCABULARIES = "section_vocabularies"
SECTIONS = (ERROR_PAGE, *(f"section_{product}" for product in PRODUCTS), VOCABULARIES)


def grouped_tables(
    tables: Iterable[tuple[str, str, str]], endpoints: Iterable[tuple[str, Sequence[str]]]
) -> list[tuple[str, list[str]]]:
    """The non-empty sections, in order, each with its table ids in catalog order.

    ``tables`` gives (id, origin, kind) and ``endpoints`` (product, table ids in order). The
    error-code page's tables stay together, in the page's order; a code table of the endpoint
    pages goes with the product of the first endpoint that reads it; the vocabularies of the
    payloads' fields (statuses, values) make a section of their own.
    """
    product_of: dict[str, str] = {}
    for product, table_ids in endpoints:
        for table_id in table_ids:
            product_of.setdefault(table_id, product)
    sections: dict[str, list[str]] = {section: [] for section in SECTIONS}
    for table_id, origin, kind in tables:
        if origin == "error_page":
            section = ERROR_PAGE
        elif kind == "error" and table_id in product_of:
            section = f"section_{product_of[table_id]}"
        else:
            section = VOCABULARIES
        sections.setdefault(section, []).append(table_id)
    return [(section, table_ids) for section, table_ids in sections.items() if table_ids]
