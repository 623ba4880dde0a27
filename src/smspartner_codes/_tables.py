"""Tables given by id or by class, lookup's rarer cases, and the bounds on what a message quotes.

Loaded by the first lookup in a table (and by the readers of answers and the command line),
not by importing the package: every object made at import time counts (make bench: start-up
sits just under the point where Python runs one more garbage collection).
"""

import smspartner_codes
from smspartner_codes import _members_by_code
from smspartner_codes._data._registry import TABLE_CLASSES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TypeGuard

    from smspartner_codes import IntCodeEnum, StrCodeEnum, TableId

# The longest integer code a text may spell: SMSPartner's codes have at most four digits. Longer
# digit strings are no code of ours (and past 4,300 digits int() would refuse them).
MAX_CODE_DIGITS = 18


def lookup_slowly(table: object, code: object) -> "IntCodeEnum | StrCodeEnum | None":
    """``lookup`` where its quick path fails: a table's first lookup, a table by class, no table, an unhashable code."""
    table_id = table_id_of(table)
    if table_id is None:
        raise KeyError(f"unknown table {short_repr(table)}; the tables are {', '.join(TABLE_CLASSES)}")
    members = _members_by_code.get(table_id)
    if members is None:
        table_class: type[IntCodeEnum] | type[StrCodeEnum] = getattr(smspartner_codes, TABLE_CLASSES[table_id])
        members = _members_by_code[table_id] = {member.code: member for member in table_class}
    if table is not table_id:  # a table class: later lookups by it take the quick path
        _members_by_code[table] = members
    try:
        member = members.get(code)
    except TypeError:  # an unhashable code is no code of ours
        return None
    if member is None and isinstance(code, str):
        from smspartner_codes._spellings import spelled_in_table

        return spelled_in_table(table_id, code)
    return member


def is_table_id(value: object) -> "TypeGuard[TableId]":
    """Whether ``value`` is a table id of the catalog (for type checkers: a ``TableId``)."""
    return isinstance(value, str) and value in TABLE_CLASSES


def table_id_of(table: object) -> "TableId | None":
    """The id of a table given by id or by its enum class; None for anything else."""
    if isinstance(table, str):
        return table if is_table_id(table) else None
    if isinstance(table, type):
        for table_id, class_name in TABLE_CLASSES.items():
            # By identity: a class of the same name from elsewhere is not the table.
            if class_name == table.__name__ and getattr(smspartner_codes, class_name) is table:
                return table_id if is_table_id(table_id) else None
    return None


def short_repr(value: object, limit: int = 60) -> str:
    """``repr(value)``, or its start and its length when a message would otherwise quote a huge value."""
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]!r}... ({len(value)} characters)"
    try:
        text = repr(value)
    except Exception:  # an int too long to print, a list nested too deep, a broken __repr__: the message still comes
        return f"a {type(value).__name__}"
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"
