"""The base of the group enums: the upstream groups of the HLR tables (``statusGrpId``, ``errorGrpId``).

The group enums themselves are generated, each in a module named after it (``HlrErrorGroup`` in
``smspartner_codes._data._hlr_error_group``); this module is imported with them, the first
time a group is used.
"""

from enum import IntEnum

from smspartner_codes import _ENUM_BASES, _FAST_ENUM
from smspartner_codes._translations import translate

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import ClassVar


class _Described:
    """What a group's description is read from: the French text of each group id, which
    its module in smspartner_codes._data gives each group enum (declared here, outside the enum
    body, where a type checker would take it for a member)."""

    __slots__ = ()

    if TYPE_CHECKING:
        _descriptions: "ClassVar[Mapping[int, str]]"


class GroupEnum(_Described, IntEnum):
    """Base of the group enums; values are the upstream group ids."""

    @property
    def id(self) -> int:
        """The group id as the API sends it (``statusGrpId``, ``errorGrpId``)."""
        return self._value_

    @property
    def description(self) -> str:
        """The French description the upstream page gives."""
        return self._descriptions[self._value_]

    def description_in(self, lang: "str | None") -> str:
        """The description in ``lang``, falling back to French (as for None)."""
        return translate(self.description, lang)


# What a group enum's class statement names for GroupEnum (see smspartner_codes._build_enum): a type of
# its own, since int stands for IntCodeEnum.
if TYPE_CHECKING or not _FAST_ENUM:
    GroupTableBase = GroupEnum
else:

    class GroupTableBase(int):
        """Stands for GroupEnum in a group enum's class statement (see smspartner_codes._build_enum)."""

        __slots__ = ()


_ENUM_BASES[GroupTableBase] = GroupEnum
