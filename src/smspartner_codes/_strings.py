"""``StrCodeEnum``: the base of the tables whose codes are strings (delivery and DLR statuses, voice errors).

It is built with the first of those tables: most tables have integer codes, and an enum base
costs as much start-up time as a table of 40 codes (make bench).
"""

from enum import StrEnum

from smspartner_codes import _ENUM_BASES, _FAST_ENUM, _Member

TYPE_CHECKING = False


class StrCodeEnum(_Member, StrEnum):
    """Base of the tables whose codes are strings."""

    if TYPE_CHECKING:
        _value_: str

    @property
    def code(self) -> str:
        """The code as the API sends it."""
        return self._value_


# What a table's class statement names for StrCodeEnum (see smspartner_codes._build_enum).
# (An if statement, not a conditional expression: type checkers read it as a class alias.)
if TYPE_CHECKING or not _FAST_ENUM:  # noqa: SIM108
    StrTableBase = StrCodeEnum
else:
    StrTableBase = str
_ENUM_BASES[str] = StrCodeEnum
