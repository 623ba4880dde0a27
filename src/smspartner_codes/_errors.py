"""Typed exceptions from SMSPartner API responses: ``raise_for_response`` and ``iter_errors``.

The hierarchy::

    SmsPartnerError                 every error of this module
    +-- InvalidResponseError        the body is not an SMSPartner JSON body
    +-- ApiError                    the API answered "success": false
        +-- SmsSendApiError, ...    one per table whose codes are errors (HlrErrorApiError,
                                    MailSendApiError...), generated: smspartner_codes._data._exceptions
"""

from collections.abc import Iterator

from smspartner_codes import lookup
from smspartner_codes._data import _registry
from smspartner_codes._tables import MAX_CODE_DIGITS, short_repr, table_id_of

__all__ = ["ApiError", "InvalidResponseError", "SmsPartnerError", "iter_errors", "raise_for_response"]

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import TypeAlias

    from smspartner_codes import ErrorTableId, IntCodeEnum, StrCodeEnum

    Member: TypeAlias = IntCodeEnum | StrCodeEnum
FieldError = tuple[str, str]

# Bodies given undecoded, as the HTTP client returns them.
_RAW_BODY_TYPES = (str, bytes, bytearray)

# How much of a bad body an InvalidResponseError quotes: characters, and items of a list or object.
_PREVIEW_LENGTH = 80
_PREVIEW_ITEMS = 4

# The longest code a body may carry. SMSPartner's codes have at most four digits, and the longest
# string code is under 60 characters; a longer one is no code (a number of thousands of digits
# would not even convert: Python refuses int() beyond 4,300 digits). Digit strings are measured in
# digits (MAX_CODE_DIGITS, from smspartner_codes._tables), integers in bits: a bit_length() call
# costs the hot path less than comparing with a bound, and every number of 18 digits fits in 60 bits.
_MAX_CODE_BITS = 60
_MAX_CODE_LENGTH = 100


class SmsPartnerError(Exception):
    """Base of the errors ``raise_for_response`` raises; every attribute is set, None where unknown.

    ``table``: the table id; ``code``: the code the API sent; ``member``: its enum member, None
    for a code the catalog does not know; ``api_message``: the server's own text;
    ``field_errors``: ``(element id, message)`` pairs; ``permanent``: SMSPartner's verdict on
    that attempt, where the catalog has one (``hint`` says whether to send again);
    ``phone_number``: the number of a bulk item;
    ``lang``: the language ``str()`` uses. An ``InvalidResponseError`` adds ``reason``.

    The attributes keep what the server sent; ``str()`` replaces what no encoding can write
    (lone surrogates, which a JSON body may hold) with U+FFFD, so that printing an error never fails.
    """

    # Slots, not the instance dict: building the error is the cost of every failed call.
    __slots__ = ("api_message", "code", "field_errors", "lang", "phone_number", "table")

    def __init__(
        self,
        table: str,
        code: "int | str | None" = None,
        api_message: "str | None" = None,
        field_errors: "list[FieldError] | None" = None,
        *,
        phone_number: "str | None" = None,
        lang: str = "fr",
    ) -> None:
        # BaseException.__new__ has already set self.args to the positional arguments.
        self.table = table
        self.code = code
        self.api_message = api_message
        self.field_errors: list[FieldError] = [] if field_errors is None else list(field_errors)
        self.phone_number = phone_number
        self.lang = lang

    @property
    def member(self) -> "Member | None":
        """The catalog's member for the code, or None when the catalog does not know it."""
        try:
            # Any table id: an error may be built by hand, or unpickled where the catalog differs.
            return None if self.code is None else lookup(self.table, self.code)  # type: ignore[call-overload]
        except KeyError:  # a table id this catalog lacks (an error built by hand, or unpickled elsewhere)
            return None

    @property
    def permanent(self) -> "bool | None":
        """Whether SMSPartner marks the error permanent (its verdict on that attempt); None where unknown.

        Not a promise that sending again is useless: ``hint`` says what to do.
        """
        permanent = getattr(self.member, "permanent", None)
        return permanent if isinstance(permanent, bool) else None

    @property
    def hint(self) -> "str | None":
        """Our English advice on what to do, where the catalog has one."""
        member = self.member
        return member.hint if member is not None else None

    def _key(self) -> tuple[object, ...]:
        return (type(self), self.table, self.code, self.api_message, tuple(self.field_errors), self.phone_number)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SmsPartnerError):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __reduce__(self) -> "tuple[type[SmsPartnerError], tuple[object, ...], dict[str, object]]":
        # The keyword-only attributes travel as state, which unpickling sets back.
        arguments = (self.table, self.code, self.api_message, self.field_errors)
        return type(self), arguments, {"phone_number": self.phone_number, "lang": self.lang}

    def __repr__(self) -> str:
        return f"{type(self).__name__}(table={self.table!r}, code={self.code!r}, api_message={self.api_message!r})"

    def __str__(self) -> str:
        member = self.member
        if member is not None:
            text = f"{self.table} {self.code} {member.name}: {member.message_in(self.lang)}"
        elif self.code is not None:
            text = f"{self.table} {self.code} (a code the catalog does not list): {self.api_message or 'no message'}"
        else:
            text = f"{self.table}: {self.api_message or 'an error without a code'}"
        if self.phone_number:
            text += f" [{self.phone_number}]"
        return _encodable("; ".join([text, *(f"{element}: {message}" for element, message in self.field_errors)]))


class ApiError(SmsPartnerError):
    """The API answered ``"success": false``; each table has its subclass."""

    __slots__ = ()


class InvalidResponseError(SmsPartnerError):
    """The body is not an SMSPartner JSON body: HTML from a proxy, truncated JSON, a list...

    ``reason`` says what is wrong and quotes the start of the body; ``code``,
    ``member`` and ``api_message`` are None, since there is no answer to read them from.
    """

    __slots__ = ("reason",)

    def __init__(self, table: str, reason: str, *, lang: str = "fr") -> None:
        super().__init__(table, lang=lang)
        self.reason = reason

    def _key(self) -> tuple[object, ...]:
        return (*super()._key(), self.reason)

    def __reduce__(self) -> "tuple[type[SmsPartnerError], tuple[object, ...], dict[str, object]]":
        return type(self), (self.table, self.reason), {"lang": self.lang}

    def __repr__(self) -> str:
        return f"{type(self).__name__}(table={self.table!r}, reason={self.reason!r})"

    def __str__(self) -> str:
        return _encodable(f"{self.table}: not an SMSPartner response: {self.reason}")


# The ApiError subclass of each table whose codes are errors (generated, in smspartner_codes._data._exceptions),
# filled on first use: that module subclasses ApiError, so it imports this one, and unpickling one of its errors
# imports it first.
_error_classes: "dict[str, type[ApiError]]" = {}


def _load_error_classes() -> "dict[str, type[ApiError]]":
    if not _error_classes:
        from smspartner_codes._data._exceptions import API_ERRORS

        _error_classes.update(API_ERRORS)
    return _error_classes


def __getattr__(name: str) -> object:
    if name == "API_ERRORS":  # the ApiError subclass of each error table, by table id; read-only
        from types import MappingProxyType

        api_errors = globals()["API_ERRORS"] = MappingProxyType(_load_error_classes())
        return api_errors
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if TYPE_CHECKING:
    API_ERRORS: "Mapping[ErrorTableId, type[ApiError]]"

# Tables whose codes are integers: "10" in a body of theirs means code 10.
_INTEGER_TABLES = frozenset(_registry.INTEGER_TABLES)


def raise_for_response(payload: object, table: "ErrorTableId | type[Member]", lang: "str | None" = "fr") -> None:
    """Return None when ``payload`` reports success; raise the error it reports otherwise.

    ``payload`` is the decoded JSON body (a dict), or the raw body as ``str`` or
    ``bytes``. ``table`` names the endpoint's table, by id (``"sms_send"``) or by
    enum class (``SmsSendError``). ``lang`` is the language of ``str(error)`` (None: French).
    Raises an ``ApiError`` subclass for ``"success": false``; for a bulk body
    (``{"results": [...]}``) the first failed item's error, so use ``iter_errors``
    to see them all; ``InvalidResponseError`` for anything else. Whatever the body,
    nothing else is raised for it.
    """
    table_id = _table_id(table)
    if type(lang) is not str:
        lang = _language(lang)
    body = payload
    if isinstance(payload, _RAW_BODY_TYPES):
        body, problem = _decode(payload)
        if problem is not None:
            raise InvalidResponseError(table_id, problem, lang=lang)
    if _is_bulk(body):
        error = next(_errors_in(body, table_id, lang), None)
    else:
        error = _item_error(body, table_id, lang, "the body")
    if error is not None:
        raise error


def iter_errors(
    payload: object, table: "ErrorTableId | type[Member]", lang: "str | None" = "fr"
) -> "Iterator[SmsPartnerError]":
    """Yield the errors ``payload`` reports, one per failed item of a bulk body, never raising for the payload.

    A single (non-bulk) error body yields its one error, a success nothing, and a body
    that is not SMSPartner's one ``InvalidResponseError``. A bulk body's items without
    a ``success`` flag, or not objects, give an ``InvalidResponseError`` each.
    """
    table_id = _table_id(table)
    lang = _language(lang)
    body = payload
    if isinstance(payload, _RAW_BODY_TYPES):
        body, problem = _decode(payload)
        if problem is not None:
            yield InvalidResponseError(table_id, problem, lang=lang)
            return
    yield from _errors_in(body, table_id, lang)


def _errors_in(body: object, table_id: str, lang: str) -> "Iterator[SmsPartnerError]":
    """iter_errors() of a decoded body, once its table and language are checked."""
    results = body.get("results") if _is_bulk(body) and isinstance(body, dict) else None
    items = enumerate(results) if isinstance(results, list) else [(None, body)]
    for position, item in items:
        error = _item_error(item, table_id, lang, "the body" if position is None else f"results[{position}]")
        if error is not None:
            yield error


def _is_bulk(body: object) -> bool:
    """A bulk body: a list of per-number results, and no success flag of its own."""
    return isinstance(body, dict) and "success" not in body and isinstance(body.get("results"), list)


def _item_error(item: object, table_id: str, lang: str, where: str) -> "SmsPartnerError | None":
    """The error a body (or a bulk item) reports, None for a success."""
    if not isinstance(item, dict):
        return InvalidResponseError(table_id, f"{where} is {_preview(item)}, not a JSON object", lang=lang)
    success = item.get("success")
    if success is True:
        return None
    if success is not False:
        got = "no success flag" if success is None else f"success {_preview(success)}, not true or false"
        return InvalidResponseError(table_id, f"{where} has {got}: {_preview(item)}", lang=lang)
    code = _code(item.get("code"), table_id)
    if code is False:
        return InvalidResponseError(
            table_id, f"{where} has code {_preview(item['code'])}, {_no_code(item['code'])}", lang=lang
        )
    message = item.get("message")
    if not isinstance(message, str) and isinstance(item.get("error"), str):
        message = item["error"]  # some endpoints put the text under "error"
    error = _error_classes[table_id](table_id, code, message if isinstance(message, str) else None, _field_errors(item))
    # Set after the call: keyword arguments make building an exception markedly slower.
    phone_number = item.get("phoneNumber")
    error.phone_number = phone_number if isinstance(phone_number, str) else None
    error.lang = lang
    return error


def _table_id(table: object) -> str:
    if isinstance(table, str) and table in _error_classes:  # the common case, first and cheap
        return table
    error_classes = _load_error_classes()
    table_id = table_id_of(table)
    if table_id is None:
        raise ValueError(f"unknown table {short_repr(table)}; the tables are {', '.join(_registry.TABLE_CLASSES)}")
    if table_id not in error_classes:
        raise ValueError(
            f"{table_id} lists states, not errors: check a status with its enum (.is_final, .is_success);"
            f" the error tables are {', '.join(error_classes)}"
        )
    return table_id


def _language(lang: object) -> str:
    """``lang`` as the errors keep it: None means French, the default; anything but a string is the caller's mistake."""
    if lang is None:
        return "fr"
    if not isinstance(lang, str):
        raise TypeError(f"lang must be a language such as 'fr' or 'en', or None; got {short_repr(lang)}")
    return lang


def _decode(payload: "str | bytes | bytearray") -> "tuple[object, str | None]":
    """The decoded body, or None and what is wrong with it."""
    import json

    try:
        return json.loads(payload), None
    except RecursionError:
        return None, f"JSON nested too deep to decode: {_preview(payload)}"
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return None, f"not JSON ({type(error).__name__}): {_preview(payload)}"
    except ValueError:  # a number longer than int() takes (4,300 digits)
        return None, f"JSON with a number too long to read: {_preview(payload)}"


def _code(raw: object, table_id: str) -> "int | str | bool | None":
    """The code as the table types it, None where absent, False where it cannot be a code."""
    if type(raw) is int:
        return raw if raw.bit_length() <= _MAX_CODE_BITS else False
    if raw is None:
        return None
    if not isinstance(raw, str):
        return False  # a bool, a float, a list...: no code
    if len(raw) > _MAX_CODE_LENGTH:
        return False
    if table_id in _INTEGER_TABLES and raw.isascii() and raw.isdigit():
        return int(raw) if len(raw) <= MAX_CODE_DIGITS else False
    return raw


def _no_code(raw: object) -> str:
    """Why ``raw``, which _code() refused, is no code."""
    if isinstance(raw, (int, str)) and not isinstance(raw, bool):
        return "longer than any code"
    return f"a {_JSON_TYPE_NAMES.get(type(raw), type(raw).__name__)}, not a number or a string"


_JSON_TYPE_NAMES = {bool: "boolean", float: "number with a fraction", list: "list", dict: "JSON object"}


def _field_errors(item: "dict[object, object]") -> "list[FieldError]":
    """The ``(elementId, message)`` pairs of ``errors`` (or ``error``, as some endpoints spell it)."""
    raw = item.get("errors", item.get("error"))
    if raw is None:
        return []
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list):
        return []
    pairs: list[FieldError] = []
    for entry in raw:
        if isinstance(entry, dict):
            element, message = entry.get("elementId"), entry.get("message")
            pairs.append((element if isinstance(element, str) else "", message if isinstance(message, str) else ""))
    return pairs


def _encodable(text: str) -> str:
    """``text`` with its lone surrogates (which no encoding writes) replaced by U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= char <= "\udfff" else char for char in text)
    return text


def _preview(value: object) -> str:
    """``value`` as a message quotes it: its start only, in at most _PREVIEW_LENGTH characters; never raises."""
    if isinstance(value, (bytes, bytearray)):
        text = repr(bytes(value[:_PREVIEW_LENGTH]).decode("utf-8", "replace"))
    elif isinstance(value, str):
        text = repr(value[:_PREVIEW_LENGTH])
    else:
        text = _bounded_repr(value)
    if len(text) > _PREVIEW_LENGTH or (isinstance(value, (str, bytes, bytearray)) and len(value) > _PREVIEW_LENGTH):
        text = f"{text[: _PREVIEW_LENGTH - 3]}..."
    return text


def _bounded_repr(value: object, depth: int = 3) -> str:
    """repr() that looks only a few levels deep and a few items wide: a body may be deep, wide or huge."""
    if isinstance(value, str):
        return repr(value[:_PREVIEW_LENGTH])
    if isinstance(value, int) and value.bit_length() > 64:  # a number that long may not even print (4,300 digits)
        return f"<an integer of {value.bit_length()} bits>"
    if isinstance(value, (dict, list)):
        opening, closing = "{}" if isinstance(value, dict) else "[]"
        if value and depth == 0:
            return f"{opening}...{closing}"
        parts = []
        for position, item in enumerate(value.items() if isinstance(value, dict) else value):
            if position == _PREVIEW_ITEMS:
                parts.append("...")
                break
            if isinstance(value, dict):
                key, child = item
                parts.append(f"{_bounded_repr(key, 0)}: {_bounded_repr(child, depth - 1)}")
            else:
                parts.append(_bounded_repr(item, depth - 1))
        return opening + ", ".join(parts) + closing
    try:
        return repr(value)
    except Exception:  # a message must come out, whatever the value
        return f"a {type(value).__name__}"
