"""The values the API sends for a member besides its exact code, which the enum call and ``lookup`` accept.

Loaded by the first enum call or ``lookup`` with a string that is no code: importing the package,
a table, or looking up its codes does not pay for it.
"""

from smspartner_codes._data import _registry

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from smspartner_codes import IntCodeEnum, StrCodeEnum, _Member

# Per table class, each other value that names a member, case folded; built on its first use.
_spelled_members: "dict[type, dict[str, Any]]" = {}


def spelled(table_class: "type[_Member]", text: str) -> "Any":
    """The member ``text`` names in ``table_class``, in any case, or None.

    What names a member besides its exact code: a string code in another case (``"delivrd"``),
    a spelling the catalog records for a code or a name (``"Delivered"``, ``"NO_ERROR "``), and,
    in a table whose names the API sends as values (``hlr_error``: the HLR ``errorName``), a name.
    """
    try:
        members = _spelled_members[table_class]
    except KeyError:
        members = _spelled_members[table_class] = _spelled_values(table_class)
    return members.get(text.casefold())


def _spelled_values(table_class: "type[_Member]") -> "dict[str, Any]":
    members: dict[str, Any] = {}
    for member in table_class:  # type: ignore[attr-defined]  # an enum class: iterable
        if isinstance(member.code, str):
            members.setdefault(member.code.casefold(), member)
    for spelling, code in table_class._spellings.items():
        members.setdefault(spelling.casefold(), table_class(code))  # type: ignore[call-arg]  # the enum call
    if table_class._table in _registry.NAME_TABLES:
        for name, member in table_class.__members__.items():  # type: ignore[attr-defined]  # an enum class
            members.setdefault(name.casefold(), member)
    return members


def spelled_in_table(table: object, text: str) -> "IntCodeEnum | StrCodeEnum | None":
    """``spelled`` in a table given by id or by class (a known table: ``lookup`` has read it)."""
    import smspartner_codes

    # By class when lookup was given one (it then keeps the table under the class), else by id.
    table_class: type[_Member] = (
        table if isinstance(table, type) else getattr(smspartner_codes, _registry.TABLE_CLASSES[table])  # type: ignore[index]
    )
    member: IntCodeEnum | StrCodeEnum | None = spelled(table_class, text)
    return member
