"""SMSPartner API codes as typed enums, with their French and English texts.

Each table of SMSPartner's error-code page is an enum (``IntEnum`` or
``StrEnum``) whose values are the codes the API sends. A table's class is
built the first time it is used, so importing the package costs little.

``lookup(table_id, code)`` finds a member without raising for unknown codes;
``TABLES`` maps each table id to its enum class; every member has ``code``,
``message`` (SMSPartner's text of record, French wherever SMSPartner gives French),
``message_language``, ``variants``, ``message_in(lang)`` and ``table``.

``raise_for_response(payload, table)`` turns an API answer into a typed
exception; ``search(text)`` and ``find_code(code)`` find members across tables.
They live in modules of their own, imported on first use, as the
``smspartner-codes`` command (``python -m smspartner_codes``) does.

This package is written by hand. What depends on the catalog is generated into
``smspartner_codes._data``: a module per table, named after its class, which
declares the table's enum class on the bases below and gives one record per code;
a module per group enum; the exception of each error table; a registry of tables
and classes; the translations and ``catalog.json``. A class is imported from the
module its name gives (``_class_module``), and the registry read when the list of
tables is needed, so that importing the package, or one table, stays cheap; and
the generator, which imports this package for the classes and names the data must
fit, runs whatever state the data is in (missing, stale, or in the middle of a merge).
"""

# No "from __future__ import annotations": importing __future__ costs as much
# as building a small enum. Annotations that name classes are strings instead.
import enum
from enum import IntEnum
from types import MappingProxyType as _MappingProxyType  # already imported by enum

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Any, ClassVar, Final, Literal, TypeAlias, TypeVar

    from smspartner_codes._alias import Alias
    from smspartner_codes._callbacks import HlrNotification, Reply, read_hlr_notification, read_reply
    from smspartner_codes._data import CATALOG_VERSION, _exports
    from smspartner_codes._data._exports import *  # noqa: F403  (the catalog's classes)
    from smspartner_codes._data._table_ids import ErrorTableId, TableId
    from smspartner_codes._endpoints import (
        ENDPOINTS,
        Endpoint,
        EndpointField,
        EndpointUrl,
        Reading,
        endpoint,
        resolve,
    )
    from smspartner_codes._errors import (
        API_ERRORS,
        ApiError,
        InvalidResponseError,
        SmsPartnerError,
        iter_errors,
        raise_for_response,
    )
    from smspartner_codes._groups import GroupEnum
    from smspartner_codes._search import find_code, search
    from smspartner_codes._strings import StrCodeEnum
    from smspartner_codes._translations import GETTEXT_DOMAIN
    from smspartner_codes._variant import Variant

    _Class = TypeVar("_Class", bound=type)
    _Table = TypeVar("_Table", bound="type[_Record]")
    _Member_T = TypeVar("_Member_T", bound="IntCodeEnum | StrCodeEnum")
    # (Type aliases as strings: a string is one constant to load, an expression many.)
    # The language of a text of record: SMSPartner's French, SMSPartner's English (a code its pages
    # give in English only), or None where its pages give the code no text (our English stands in).
    WordingLanguage: TypeAlias = "Literal['fr', 'en'] | None"
    # What the catalog says of one code besides its name: the fields of _RECORD_FIELDS, in order
    # (a variant is (text, language)).
    Record: TypeAlias = "tuple[str, int | None, bool | None, str | None, bool | None, bool | None, WordingLanguage, tuple[tuple[str, str], ...]]"  # noqa: E501
    # What it says of an alias, a second name of a code: the fields of _ALIAS_FIELDS, in order.
    AliasRecord: TypeAlias = "tuple[str, WordingLanguage, tuple[tuple[str, str], ...], bool]"

    __version__ = CATALOG_VERSION
    TABLE_IDS: "tuple[TableId, ...]"
    TABLES: "dict[TableId, type[IntCodeEnum] | type[StrCodeEnum]]"

    # What __getattr__ gives at run time: _OWN_NAMES, _LAZY_MODULES, then the catalog's classes.
    __all__ = [
        "API_ERRORS",
        "CATALOG_VERSION",
        "ENDPOINTS",
        "GETTEXT_DOMAIN",
        "TABLES",
        "TABLE_IDS",
        "Alias",
        "ApiError",
        "Endpoint",
        "EndpointField",
        "EndpointUrl",
        "ErrorTableId",
        "GroupEnum",
        "HlrNotification",
        "IntCodeEnum",
        "InvalidResponseError",
        "Reading",
        "Reply",
        "SmsPartnerError",
        "StrCodeEnum",
        "TableId",
        "Variant",
        "endpoint",
        "find_code",
        "iter_errors",
        "lookup",
        "raise_for_response",
        "read_hlr_notification",
        "read_reply",
        "resolve",
        "search",
    ]
    __all__ += _exports.__all__


# Records ----------------------------------------------------------------------------------------

# The fields of a record, in the order the generator writes them (codegen/render/python.py reads
# this tuple): a new field is one name here, its position below and the property that reads it.
# A field a table does not have is None. ``message`` is the text of record, ``message_language``
# its language; ``variants`` the other wordings SMSPartner's pages give, as (text, language).
_RECORD_FIELDS = ("message", "group", "permanent", "hint", "final", "success", "message_language", "variants")

# The position of each field in a record.
_MESSAGE: "Final" = 0
_GROUP: "Final" = 1
_PERMANENT: "Final" = 2
_HINT: "Final" = 3
_FINAL: "Final" = 4
_SUCCESS: "Final" = 5
_MESSAGE_LANGUAGE: "Final" = 6
_VARIANTS: "Final" = 7

# The fields of an alias's record (a second name of a code, see smspartner_codes._alias), likewise.
# ``renamed``: a former name of this package, kept for old code, which SMSPartner does not print.
_ALIAS_FIELDS = ("message", "message_language", "variants", "renamed")


# How the package builds its enum classes ----------------------------------------------------------

# CPython's ``enum._simple_enum``, which ``http.HTTPStatus`` and ``re`` use too, turns a plain class
# into an enum about twice as fast as an enum class statement does (make bench: a table of 64 codes
# costs 2.7 M instructions instead of 5.5 M). So at run time a generated class statement names its
# code's type (int or str) where type checkers, and interpreters without _simple_enum, read its enum
# base: it makes a plain class, which _build_enum() turns into the enum on that base.
_FAST_ENUM = hasattr(enum, "_simple_enum")

# The enum base each type a class statement names stands for (see _IntTableBase below).
_ENUM_BASES: "dict[type, type[enum.Enum]]" = {}


def _build_enum(cls: "_Class") -> "_Class":
    """The enum class a generated class statement stands for.

    The statement lists the table's features (_Permanent, _Grouped, _Status), then its base. The
    features are mixed in: their properties are copied into the class, which _simple_enum then
    builds on the base's enum alone. Keeping them as bases would cost another class per table,
    as much as a table of 50 codes (make bench); type checkers, and the plain class statement
    without _simple_enum, see them as bases.
    """
    if not _FAST_ENUM:
        return cls  # the class statement made the enum itself
    *features, base = cls.__bases__
    for feature in features:
        for name, value in vars(feature).items():
            if not name.startswith("__"):
                setattr(cls, name, value)
    enum_class: _Class = enum._simple_enum(_ENUM_BASES[base])(cls)  # type: ignore[attr-defined]  # private, checked above
    return enum_class


# Members ------------------------------------------------------------------------------------------

# An empty mapping, shared: every object made at import time counts (make bench).
_NOTHING: "Mapping[Any, Any]" = _MappingProxyType({})

if TYPE_CHECKING:

    class _Record:
        """What a member's properties read: its code, and the table data its class holds."""

        # The enum value, the code itself (IntEnum and StrEnum type it).
        _value_: Any
        # Set on each table class by its module in smspartner_codes._data (see _table() below).
        _table: ClassVar[str]
        _title: ClassVar[str]
        _records: "ClassVar[Mapping[Any, Record]]"
        _alias_records: "ClassVar[Mapping[str, AliasRecord]]"
        _spellings: "ClassVar[Mapping[str, Any]]"

else:
    _Record = object  # declarations only: at run time, a class less to build and to look through


class _Member(_Record):
    """What every member tells, whatever its table."""

    # Neither this class nor the features below have instance attributes of their own: the
    # enum base gives members their dictionary. Empty slots spare building descriptors.
    __slots__ = ()

    # The second names of some codes, with their own records, and the other forms in which the
    # API sends some codes or names ("Delivered"), with their code: tables that have any set their own.
    _alias_records: "ClassVar[Mapping[str, AliasRecord]]" = _NOTHING
    _spellings: "ClassVar[Mapping[str, Any]]" = _NOTHING

    @property
    def table(self) -> str:
        """The id of the member's table, such as ``"hlr_error"``."""
        return self._table

    @property
    def message(self) -> str:
        """SMSPartner's text of record for the code, verbatim, as the API sends it.

        French wherever SMSPartner's pages give French (every table of the error-code page);
        the English they give for a code documented in English only; and, for a code they give
        without any text (a success's 200, a reply type), our English description.
        ``message_language`` says which: ``"fr"``, ``"en"`` or None.
        """
        return self._records[self._value_][_MESSAGE]

    @property
    def message_language(self) -> "WordingLanguage":
        """The language of ``message``: ``"fr"``, ``"en"`` (SMSPartner's English, no French
        exists), or None where SMSPartner gives the code no text and ``message`` is ours."""
        return self._records[self._value_][_MESSAGE_LANGUAGE]

    @property
    def variants(self) -> "tuple[Variant, ...]":
        """The other wordings SMSPartner's pages give for the code, verbatim, each with its
        language (``"fr"``, ``"en"``, ``"es"``...): what the API may send instead of ``message``."""
        records = self._records[self._value_][_VARIANTS]
        if not records:  # most codes: no need to load Variant
            return ()
        from smspartner_codes._variant import variants

        return variants(records)

    def message_in(self, lang: "str | None") -> str:
        """The text in ``lang`` (``"fr"``, ``"en"``, ``"en_GB"``...; None is French, the default).

        ``"en"`` gives our English. ``"fr"`` gives SMSPartner's French; no French is ever
        invented, so where SMSPartner gives none (``message_language`` is ``"en"`` or None),
        ``"fr"``, like a language the catalog lacks, gives ``message``, the text of record.
        """
        from smspartner_codes._translations import translate

        return translate(self.message, lang)

    @property
    def hint(self) -> "str | None":
        """Our English advice on what to do (retry or not, what to fix), or None where none is needed."""
        return self._records[self._value_][_HINT]

    @property
    def aliases(self) -> "tuple[Alias, ...]":
        """The code's second names, each with its own texts; ``Alias.renamed`` tells a former
        name of this package (kept for old code) from a name SMSPartner's pages give."""
        records = self._alias_records
        if not records:  # most tables: no need to load Alias
            return ()
        from smspartner_codes._alias import Alias

        table_class = type(self)
        return tuple(
            Alias(name, self, message, message_language=language, variants=variants, renamed=renamed)
            for name, (message, language, variants, renamed) in records.items()
            if getattr(table_class, name) is self
        )

    @classmethod
    def table_title(cls, lang: "str | None" = "fr") -> str:
        """The table's title in ``lang``, falling back to French (as for None)."""
        from smspartner_codes._translations import translate

        return translate(cls._title, lang)

    @classmethod
    def _missing_(cls, value: object) -> "Any":
        """The enum call's second try: a code or name as the API spells it (smspartner_codes._spellings)."""
        if not isinstance(value, str):
            return None
        from smspartner_codes._spellings import spelled

        return spelled(cls, value)


class IntCodeEnum(_Member, IntEnum):
    """Base of the tables whose codes are integers.

    Its twin for string codes, StrCodeEnum, is built with the first table of string codes
    (smspartner_codes._strings): most tables have integer codes.
    """

    if TYPE_CHECKING:
        _value_: int

    @property
    def code(self) -> int:
        """The code as the API sends it."""
        return self._value_


# Features: a table's class statement lists those its catalog table has, before its base. ------------


class _Permanent(_Record):
    """A table whose entries say whether the error is permanent (HLR errors)."""

    __slots__ = ()

    @property
    def permanent(self) -> bool:
        """Whether SMSPartner marks the error permanent: its verdict on that attempt.

        Not a promise that sending again is useless: upstream marks expired validity, flooding
        and congestion permanent too. ``hint`` says what to do.
        """
        return self._records[self._value_][_PERMANENT] is True  # the catalog flags every entry of such a table


class _Grouped(_Record):
    """A table whose entries belong to the upstream's groups (the HLR tables).

    Each such table's class narrows ``group`` to its own group enum, with an annotation.
    """

    __slots__ = ()

    @property
    def group(self) -> "GroupEnum":
        """The upstream group of this code."""
        from smspartner_codes._data._registry import GROUP_CLASSES

        # Through this package's lazy loader: it imports the group enums once.
        group_class: type[GroupEnum] = __getattr__(GROUP_CLASSES[self._table])  # type: ignore[assignment]
        group_id = self._records[self._value_][_GROUP]
        assert group_id is not None  # the catalog gives a group to every entry of a table with groups
        return group_class(group_id)


class _Status(_Record):
    """A table of states (delivery statuses): each is final or not, a success or not."""

    __slots__ = ()

    @property
    def is_final(self) -> bool:
        """Whether the state is final: no later status will change it."""
        return self._records[self._value_][_FINAL] is True  # the catalog flags every entry of a status table

    @property
    def is_success(self) -> bool:
        """Whether the state means the message got through (a success is always final)."""
        return self._records[self._value_][_SUCCESS] is True


# Tables -------------------------------------------------------------------------------------------

# What a table's class statement names for IntCodeEnum (see _build_enum); StrTableBase is in _strings.
# (An if statement, not a conditional expression: type checkers read it as a class alias.)
if TYPE_CHECKING or not _FAST_ENUM:  # noqa: SIM108
    _IntTableBase = IntCodeEnum
else:
    _IntTableBase = int
_ENUM_BASES[int] = IntCodeEnum


def _table(table_id: str, title: str) -> "Callable[[_Table], _Table]":
    """Build a table's enum class (see _build_enum) and give it its id and French title."""

    def build(cls: "_Table") -> "_Table":
        table_class = _build_enum(cls)
        table_class._table = table_id
        table_class._title = title
        return table_class

    return build


# Names resolved on first use (PEP 562) -----------------------------------------------------------

# The public names defined here, and those of this package's modules loaded on first use; the
# catalog's classes follow (smspartner_codes._data._registry at run time, _exports for type checkers).
_OWN_NAMES = ("CATALOG_VERSION", "TABLES", "TABLE_IDS", "IntCodeEnum", "lookup")
_LAZY_MODULES: "dict[str, str]" = {
    "TableId": "_data._table_ids",
    "ErrorTableId": "_data._table_ids",
    "API_ERRORS": "_errors",
    "StrCodeEnum": "_strings",
    "GETTEXT_DOMAIN": "_translations",
    "Alias": "_alias",
    "GroupEnum": "_groups",
    "ApiError": "_errors",
    "InvalidResponseError": "_errors",
    "SmsPartnerError": "_errors",
    "iter_errors": "_errors",
    "raise_for_response": "_errors",
    "find_code": "_search",
    "search": "_search",
    "Variant": "_variant",
    "ENDPOINTS": "_endpoints",
    "Endpoint": "_endpoints",
    "EndpointField": "_endpoints",
    "EndpointUrl": "_endpoints",
    "Reading": "_endpoints",
    "endpoint": "_endpoints",
    "resolve": "_endpoints",
    "HlrNotification": "_callbacks",
    "Reply": "_callbacks",
    "read_hlr_notification": "_callbacks",
    "read_reply": "_callbacks",
}

# The catalog's exception classes are named after their tables with this suffix (SmsSendApiError),
# and are all defined in one module of the package data; no other class of the catalog ends so.
_EXCEPTION_SUFFIX = "ApiError"
_EXCEPTIONS_MODULE = "_exceptions"


def _class_module(class_name: str) -> str:
    """The module of smspartner_codes._data that defines a class of the catalog.

    A table or group enum has a module of its own, named after it in snake case ("HlrError" is
    in "_hlr_error", "HlrErrorGroup" in "_hlr_error_group"): importing a class needs no registry.
    The generator names the modules with this function.
    """
    if class_name.endswith(_EXCEPTION_SUFFIX):
        return _EXCEPTIONS_MODULE
    return "".join(f"_{char.lower()}" if char.isupper() else char for char in class_name)


def __getattr__(name: str) -> object:
    value: object
    module_name = _LAZY_MODULES.get(name)
    if module_name is not None:
        value = getattr(__import__(f"{__name__}.{module_name}", fromlist=(name,)), name)
    elif name in ("TABLES", "TABLE_IDS", "__all__"):  # from the generated registry
        from smspartner_codes._data import _registry

        if name == "TABLES":
            value = {table_id: __getattr__(class_name) for table_id, class_name in _registry.TABLE_CLASSES.items()}
        elif name == "TABLE_IDS":
            value = tuple(_registry.TABLE_CLASSES)
        else:
            value = [*_OWN_NAMES, *_LAZY_MODULES, *_registry.CLASS_MODULES]
    elif name in ("CATALOG_VERSION", "__version__"):
        from smspartner_codes._data import CATALOG_VERSION

        value = CATALOG_VERSION
    elif name[:1].isupper() and name.isascii() and name.isalnum():  # a class name: one of the catalog's?
        module_name = f"{__name__}._data.{_class_module(name)}"
        try:
            value = getattr(__import__(module_name, fromlist=(name,)), name, None)
        except ModuleNotFoundError as error:
            if error.name != module_name:  # the package data itself is broken: say so
                raise
            value = None
        if not isinstance(value, type):
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    else:
        # Not ours: a submodule about to be imported ("from smspartner_codes import _data" asks first), or a probe.
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # later accesses skip this function
    return value


def __dir__() -> list[str]:
    names: list[str] = __getattr__("__all__")  # type: ignore[assignment]  # a list of names
    return sorted({*globals(), *names})


# lookup -------------------------------------------------------------------------------------------

# Member by code, per table (by id, and by class once looked up that way), filled as tables are first looked up.
_members_by_code: "dict[object, dict[object, IntCodeEnum | StrCodeEnum]]" = {}


# lookup's signatures, for type checkers: a table class gives its own members. At run time the
# decorator does nothing (typing costs start-up time), so ruff, which cannot tell, is told (F811).
if TYPE_CHECKING:
    from typing import overload as _overload
else:

    def _overload(function: object) -> object:
        return function


@_overload
def lookup(table_id: "type[_Member_T]", code: object) -> "_Member_T | None": ...
@_overload
def lookup(table_id: "TableId", code: object) -> "IntCodeEnum | StrCodeEnum | None": ...  # noqa: F811
def lookup(table_id: object, code: object) -> "IntCodeEnum | StrCodeEnum | None":  # noqa: F811
    """The member of table ``table_id`` for ``code``, or None when the table has no such code.

    The table is given by id (``"sms_send"``) or by enum class (``SmsSendError``), as
    ``raise_for_response`` takes it. An unknown code, or a code of the wrong type, gives
    None; an unknown table (anything else) raises KeyError, since it is a mistake in the
    calling code. Codes compare as Python values do, as the enum itself does: ``14.0``
    finds code 14. A string is also read as the enum call reads it: a string code in any
    case (``"delivrd"``), and every spelling of a code or name the API is documented to
    send, in any case (``"Delivered"``, the HLR ``errorName`` ``"NO_ERROR "``).
    """
    try:
        member = _members_by_code[table_id].get(code)
    except (KeyError, TypeError):  # a first lookup, a table by class, no table at all, an unhashable code
        # (In a module of its own, loaded then: importing the package makes no object it does not need.)
        from smspartner_codes._tables import lookup_slowly

        return lookup_slowly(table_id, code)
    if member is None and isinstance(code, str):
        from smspartner_codes._spellings import spelled_in_table

        return spelled_in_table(table_id, code)
    return member
