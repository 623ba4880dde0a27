"""Typed exceptions from SMSPartner API answers: ``raise_for_response`` and ``iter_errors``.

The hierarchy::

    SmsPartnerError                 every error of this module
    +-- InvalidResponseError        the body is not an SMSPartner answer
    +-- ApiError                    the API answered "success": false (for the whole call, or an item of it)
        +-- SmsSendApiError, ...    one per table whose codes are errors (HlrErrorApiError,
                                    MailSendApiError...), generated: smspartner_codes._data._exceptions

An answer is read with the tables of the endpoint it came from (``endpoint=``: the URL the
request went to, or an endpoint id; a response object brings its own URL), or with one table
given by the caller. Its code takes the meaning the server's text confirms where it has
several (``smspartner_codes.resolve``). Secrets: a URL is reduced to endpoint ids at once;
no error keeps, prints or pickles anything else of it.
"""

from collections.abc import Iterator

from smspartner_codes._data import _registry
from smspartner_codes._endpoints import Reading, resolve_in_tables, tables_of
from smspartner_codes._endpoints import endpoint as _endpoints_of
from smspartner_codes._tables import MAX_CODE_DIGITS, short_repr, table_id_of

__all__ = ["ApiError", "InvalidResponseError", "SmsPartnerError", "iter_errors", "raise_for_response"]

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Any, TypeAlias

    from smspartner_codes import ErrorTableId, IntCodeEnum, StrCodeEnum, TableId
    from smspartner_codes._endpoints import Endpoint

    Member: TypeAlias = IntCodeEnum | StrCodeEnum
    # What endpoint= takes: a URL (a str, or an object whose str() is one, as httpx's URL), an endpoint id,
    # an Endpoint, or several (what endpoint(url) returns).
    EndpointArgument: TypeAlias = "str | Endpoint | tuple[Endpoint, ...] | object"
FieldError = tuple[str, str]

# Bodies given undecoded, as the HTTP client returns them.
_RAW_BODY_TYPES = (str, bytes, bytearray, memoryview)

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

    ``table``: the id of the table the code was read with (None where no table reads it: an
    endpoint whose pages give no code, a URL the catalog does not list); ``endpoint``: the
    endpoint id the answer came from, where known; ``code``: the code the API sent;
    ``reading``: what the code means there (a ``Reading``: ``member``, the second meaning
    ``alias`` where that is the one, ``matched``), None for a code the tables lack;
    ``member``: its enum member; ``matched``: whether the server's text confirms the reading;
    ``api_message``: the server's own text; ``field_errors``: ``(element id, message)`` pairs;
    ``permanent``: SMSPartner's verdict on that attempt, where the catalog has one (``hint``
    says whether to send again); ``phone_number``: the number of a bulk item; ``lang``: the
    language ``str()`` uses. An ``InvalidResponseError`` adds ``reason``.

    ``str()`` gives the catalog's text where the server's confirms it (or gives none), and
    leads with the server's text where it does not; ``hint`` and ``permanent`` are then None,
    so that no advice contradicts the server. The attributes keep what the server sent;
    ``str()`` replaces what no encoding can write (lone surrogates, which a JSON body may
    hold) with U+FFFD, so that printing an error never fails.
    """

    # Slots, not the instance dict: building the error is the cost of every failed call.
    __slots__ = ("_reading", "api_message", "code", "endpoint", "field_errors", "lang", "phone_number", "table")

    if TYPE_CHECKING:
        _reading: Reading | None

    def __init__(
        self,
        table: "str | None",
        code: "int | str | None" = None,
        api_message: "str | None" = None,
        field_errors: "list[FieldError] | None" = None,
        *,
        phone_number: "str | None" = None,
        lang: str = "fr",
        endpoint: "str | None" = None,
    ) -> None:
        # BaseException.__new__ has already set self.args to the positional arguments.
        self.table = table
        self.code = code
        self.api_message = api_message
        self.field_errors: list[FieldError] = [] if field_errors is None else list(field_errors)
        self.phone_number = phone_number
        self.lang = lang
        self.endpoint = endpoint
        # self._reading is set when first read (an unset slot costs nothing to build).

    @property
    def reading(self) -> "Reading | None":
        """What the code means on the endpoint's tables (or the table given), chosen by the server's text."""
        try:
            return self._reading
        except AttributeError:  # not worked out yet
            reading = self._reading = _read(self.endpoint, self.table, self.code, self.api_message)
            return reading

    @property
    def member(self) -> "Member | None":
        """The catalog's member for the code, or None when the tables the answer is read with lack it."""
        reading = self.reading
        return None if reading is None else reading.member

    @property
    def matched(self) -> bool:
        """Whether the server's text is one of the reading's wordings (False where it sent none)."""
        reading = self.reading
        return reading is not None and reading.matched

    @property
    def _advice_stands(self) -> bool:
        """The catalog's advice applies unless the server's text says something the reading does not."""
        return self.matched or not self.api_message

    @property
    def permanent(self) -> "bool | None":
        """Whether SMSPartner marks the error permanent (its verdict on that attempt); None where unknown,
        or where the server's text does not confirm the catalog's reading.

        Not a promise that sending again is useless: ``hint`` says what to do.
        """
        if not self._advice_stands:
            return None
        permanent = getattr(self.member, "permanent", None)
        return permanent if isinstance(permanent, bool) else None

    @property
    def hint(self) -> "str | None":
        """Our English advice on what to do, where the catalog has one and the server's text does not contradict
        the reading it is advice on (a second meaning's reading has none)."""
        reading = self.reading
        if reading is None or not self._advice_stands:
            return None
        return reading.hint

    def _key(self) -> tuple[object, ...]:
        return (
            type(self),
            self.table,
            self.endpoint,
            self.code,
            self.api_message,
            tuple(self.field_errors),
            self.phone_number,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SmsPartnerError):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __reduce__(self) -> "tuple[type[SmsPartnerError], tuple[object, ...], dict[str, object]]":
        # The keyword-only attributes travel as state, which unpickling sets back; the reading is worked out
        # again from them (the endpoint id, or the table), where the catalog that unpickles has them.
        arguments = (self.table, self.code, self.api_message, self.field_errors)
        state: dict[str, object] = {"phone_number": self.phone_number, "lang": self.lang, "endpoint": self.endpoint}
        return type(self), arguments, state

    def __setstate__(self, state: "dict[str, Any] | None") -> None:
        for name, value in (state or {}).items():
            if name != "_reading":  # worked out again, where the catalog that unpickles has the endpoint or table
                setattr(self, name, value)

    def __repr__(self) -> str:
        where = f"table={self.table!r}" + (f", endpoint={self.endpoint!r}" if self.endpoint else "")
        return f"{type(self).__name__}({where}, code={self.code!r}, api_message={self.api_message!r})"

    def __str__(self) -> str:
        where = self.table or self.endpoint or "SMSPartner"
        reading = self.reading
        if reading is not None:
            catalogs = f"{reading.name}: {reading.message_in(self.lang)}"
            if self._advice_stands:
                text = f"{where} {self.code} {catalogs}"
            else:  # the server's text first: the catalog's reading is only a guess the server does not confirm
                text = f"{where} {self.code}: {self.api_message} (not a wording the catalog knows for {catalogs})"
        elif self.code is not None:
            text = f"{where} {self.code} ({self._why_no_member()}): {self.api_message or 'no message'}"
        else:
            text = f"{where}: {self.api_message or 'an error without a code'}"
        if self.phone_number:
            text += f" [{self.phone_number}]"
        return _encodable("; ".join([text, *(f"{element}: {message}" for element, message in self.field_errors)]))

    def _why_no_member(self) -> str:
        if self.table is not None:
            return "a code the catalog does not list"
        if self.endpoint is not None:
            return "its pages document no code"
        return "from an endpoint the catalog does not list"


class ApiError(SmsPartnerError):
    """The API answered ``"success": false``; each table has its subclass."""

    __slots__ = ()


class InvalidResponseError(SmsPartnerError):
    """The body is not an SMSPartner answer: HTML from a proxy, truncated JSON or XML, a list...

    ``reason`` says what is wrong and quotes the start of the body; ``code``,
    ``member`` and ``api_message`` are None, since there is no answer to read them from.
    """

    __slots__ = ("reason",)

    def __init__(self, table: "str | None", reason: str, *, lang: str = "fr", endpoint: "str | None" = None) -> None:
        super().__init__(table, lang=lang, endpoint=endpoint)
        self.reason = reason

    def _key(self) -> tuple[object, ...]:
        return (*super()._key(), self.reason)

    def __reduce__(self) -> "tuple[type[SmsPartnerError], tuple[object, ...], dict[str, object]]":
        return type(self), (self.table, self.reason), {"lang": self.lang, "endpoint": self.endpoint}

    def __repr__(self) -> str:
        where = f"table={self.table!r}" + (f", endpoint={self.endpoint!r}" if self.endpoint else "")
        return f"{type(self).__name__}({where}, reason={self.reason!r})"

    def __str__(self) -> str:
        where = self.table or self.endpoint or "SMSPartner"
        return _encodable(f"{where}: not an SMSPartner response: {self.reason}")


def _read(endpoint_id: "str | None", table: "str | None", code: object, message: object) -> "Reading | None":
    """The reading of an error's code: with its endpoint's tables where it has one, else with its table."""
    if code is None:
        return None
    try:
        tables: tuple[str, ...] = tables_of(endpoint_id) if endpoint_id is not None else ()
        if table is not None and table not in tables:  # read with one table (or a push's: the HLR notification's)
            tables = (table,)
        return resolve_in_tables(tables, code, message) if tables else None  # type: ignore[arg-type]  # lookup checks
    except KeyError:  # an id this catalog lacks (an error built by hand, or unpickled where the catalog differs)
        return None


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

# The keys of the lists of per-number items inside an answer (SMSResponse_List, StatutResponse_List...).
_ITEM_LISTS = _registry.ITEM_LISTS
_ITEM_LIST_KEYS = frozenset(_ITEM_LISTS)


# Reading an answer ----------------------------------------------------------------------------------


class _Reader:
    """How the answers of one call are read: the tables, the labels its errors carry, the language."""

    __slots__ = ("endpoint_id", "error_class", "flagless", "lang", "table_id", "tables")

    def __init__(
        self,
        tables: "tuple[TableId, ...]",
        table_id: "str | None",
        endpoint_id: "str | None",
        lang: str,
        *,
        flagless: bool = False,
    ) -> None:
        self.tables = tables
        self.table_id = table_id  # the table given by the caller, or None: each code's reading then says
        self.endpoint_id = endpoint_id
        self.lang = lang
        self.flagless = flagless  # an answer without a success flag is a success (voice's audio list)
        self.error_class = _load_error_classes()[table_id] if table_id is not None else None

    def invalid(self, reason: str) -> "InvalidResponseError":
        table = self.table_id if self.table_id is not None else (self.tables[0] if self.tables else None)
        return InvalidResponseError(table, reason, lang=self.lang, endpoint=self.endpoint_id)

    def errors(self, body: object) -> "Iterator[SmsPartnerError]":
        """The errors of a decoded body: its own, or one per failed item of its lists of items."""
        if type(body) is not dict:
            yield self.invalid(f"the body is {_preview(body)}, not a JSON object")
            return
        success = body.get("success")
        if success is False:
            error = self.item_error(body, "the body")
            if error is not None:  # (always: the body reports a failure)
                yield error
            return
        lists = [key for key in _ITEM_LISTS if type(body.get(key)) is list]
        if success is None and not lists and not self.flagless:
            yield self.invalid(f"the body has no success flag: {_preview(body)}")
            return
        if success is not None and success is not True:
            yield self.invalid(f"the body has success {_preview(success)}, not true or false: {_preview(body)}")
            return
        # A success (flagged, or where the endpoint's answers carry no flag), or the contacts import's
        # {"results": [...], "rapport": {...}}: the failed items, if any. An import's items must say whether
        # they failed; the items of a success may be plain statuses without a flag.
        flags_needed = success is None
        for key in lists:
            for position, item in enumerate(body[key]):
                if type(item) is dict:
                    item_success = item.get("success")
                    if item_success is True or (item_success is None and not flags_needed):
                        continue
                error = self.item_error(item, f"{key}[{position}]")
                if error is not None:
                    yield error

    def item_error(self, item: object, where: str) -> "SmsPartnerError | None":
        """The error a body (or an item) reports, None for a success."""
        if type(item) is not dict:
            return self.invalid(f"{where} is {_preview(item)}, not a JSON object")
        success = item.get("success")
        if success is True:
            return None
        if success is not False:
            got = "no success flag" if success is None else f"success {_preview(success)}, not true or false"
            return self.invalid(f"{where} has {got}: {_preview(item)}")
        table_id = self.table_id
        code = _code(item.get("code"), table_id if table_id is not None else (self.tables[0] if self.tables else ""))
        if code is False:
            return self.invalid(f"{where} has code {_preview(item['code'])}, {_no_code(item['code'])}")
        message = item.get("message")
        if type(message) is not str:
            message = _other_text(item)
        field_errors = _field_errors(item) if ("errors" in item or "error" in item) else None
        if table_id is not None:
            error_class = self.error_class
            assert error_class is not None
            error = error_class(table_id, code, message, field_errors)
        else:
            reading = resolve_in_tables(self.tables, code, message) if self.tables and code is not None else None
            if reading is not None:
                table_id = reading.table
            elif self.tables:
                table_id = self.tables[0]
            error_class = _load_error_classes().get(table_id, ApiError) if table_id is not None else ApiError
            error = error_class(table_id, code, message, field_errors)
            error._reading = reading if code is not None else None
        # Set after the call: keyword arguments make building an exception markedly slower.
        phone_number = item.get("phoneNumber")
        if type(phone_number) is str:
            error.phone_number = phone_number
        error.lang = self.lang
        if self.endpoint_id is not None:
            error.endpoint = self.endpoint_id
        return error


def _other_text(item: "dict[object, object]") -> "str | None":
    """The server's text where an answer has no ``message``: ``error`` as some endpoints spell it, or a failed
    item's ``status`` (``"Numéro introuvable"``)."""
    for key in ("error", "status"):
        text = item.get(key)
        if type(text) is str:
            return text
    return None


def raise_for_response(
    payload: object,
    table: "ErrorTableId | type[Member] | None" = None,
    lang: "str | None" = "fr",
    *,
    endpoint: "EndpointArgument | None" = None,
) -> None:
    """Return None when ``payload`` reports success; raise the error it reports otherwise.

    ``payload`` is the HTTP response object itself (requests' or httpx's, read for its URL, body
    and content type), the decoded JSON body (a dict), or the raw body as ``str`` or ``bytes``,
    JSON or XML. The answer's codes are read with the tables of the endpoint it came from:
    ``endpoint`` is the URL the request went to, as the HTTP client reports it
    (``response.url``), or an endpoint id (``"sms.send"``); a response object brings its own
    URL. Or give ``table``, the one table to read them with, by id (``"sms_send"``) or by enum
    class (``SmsSendError``). With neither, the answer is still read, its codes without a member.
    ``lang`` is the language of ``str(error)`` (None: French).

    Raises an ``ApiError`` subclass for ``"success": false``; for a success holding failed
    items (a bulk send's ``SMSResponse_List``, a status list's ``StatutResponse_List``, the
    contacts import's ``results``...) the first failed item's error, so use ``iter_errors`` to
    see them all; ``InvalidResponseError`` for anything else. Whatever the payload, nothing else
    is raised for it; a wrong ``table`` or ``endpoint`` is the caller's mistake: ValueError.
    """
    if type(lang) is not str:
        lang = _language(lang)
    # The common cases kept cheap: a body (decoded, or a JSON text) read with one table given by id.
    body: object = payload
    if endpoint is None and isinstance(table, str) and type(payload) in _CHEAP_PAYLOADS:
        reader = _table_readers.get((table, lang)) or _table_reader(table, lang)
        if type(payload) is not dict:
            body, problem = _decode(payload)  # type: ignore[arg-type]  # a str or bytes
            if problem is not None:
                raise reader.invalid(problem)
        if type(body) is dict:
            success = body.get("success")
            if success is False:
                raise reader.item_error(body, "the body")  # type: ignore[misc]  # never None for a failure
            if success is True and body.keys().isdisjoint(_ITEM_LIST_KEYS):
                return  # a success without lists of items: nothing more to read
    else:
        reader, body = _prepare(payload, table, endpoint, lang)
    error = next(reader.errors(body), None)
    if error is not None:
        raise error


# The payloads raise_for_response reads without _prepare() when given a table id: nothing to find a URL in.
_CHEAP_PAYLOADS = frozenset((dict, str, bytes))


def _table_reader(table: str, lang: str) -> "_Reader":
    """The reader of answers read with ``table``, in ``lang``; a table that is not an error table's id is a
    ValueError. Kept per table and language (readers are immutable), up to _MAX_TABLE_READERS of them, since a
    caller's languages are any text."""
    reader = _table_readers.get((table, lang))
    if reader is None:
        reader = _reader_for(_table_id(table), None, lang)
        if len(_table_readers) < _MAX_TABLE_READERS:
            _table_readers[table, lang] = reader
    return reader


_table_readers: "dict[tuple[str, str], _Reader]" = {}
_MAX_TABLE_READERS = 1024


def iter_errors(
    payload: object,
    table: "ErrorTableId | type[Member] | None" = None,
    lang: "str | None" = "fr",
    *,
    endpoint: "EndpointArgument | None" = None,
) -> "Iterator[SmsPartnerError]":
    """Yield the errors ``payload`` reports, one per failed item of a bulk answer, never raising for the payload.

    Takes what ``raise_for_response`` takes. An error answer yields its one error, a success
    without failed items nothing, and a body that is not SMSPartner's one ``InvalidResponseError``.
    Each failed item's error has its ``phone_number``. Items of a list that are not objects,
    and items of the contacts import without a ``success`` flag, give an ``InvalidResponseError`` each.
    """
    reader, body = _prepare(payload, table, endpoint, _language(lang))
    return reader.errors(body)


def _prepare(payload: object, table: object, endpoint: object, lang: str) -> "tuple[_Reader, object]":
    """The reader of the call's answers and its decoded body (or an InvalidResponseError's reason, as a reader
    whose errors() yields it). A wrong table or endpoint raises ValueError, before the payload is read."""
    if table is not None and endpoint is not None:
        raise ValueError("give the table or the endpoint, not both: the endpoint's tables are read in order")
    table_id = _table_id(table) if table is not None else None
    endpoints = _endpoints_argument(endpoint) if endpoint is not None else None
    status: int | None = None
    problem: str | None = None
    body = payload
    if not isinstance(payload, (*_RAW_BODY_TYPES, dict, list)) and _has_url(payload):
        from smspartner_codes._answers import read_response_object

        body, url, status, problem = read_response_object(payload)
        if table_id is None and endpoints is None:
            endpoints = _endpoints_argument(url) if url is not None else ()
        del url  # reduced to its endpoints: nothing else of it is kept
    reader = _reader_for(table_id, endpoints, lang)
    if problem is None and isinstance(body, _RAW_BODY_TYPES):
        body, problem = _decode(body)
    if problem is not None:
        return _Invalid(reader, f"HTTP {status}: {problem}" if status is not None else problem), None
    return reader, body


def _has_url(payload: object) -> bool:
    try:
        return hasattr(payload, "url")
    except Exception:  # a __getattr__ that raises something else than AttributeError
        return False


def _reader_for(table_id: "str | None", endpoints: "tuple[Endpoint, ...] | None", lang: str) -> _Reader:
    if table_id is not None:
        return _Reader((table_id,), table_id, None, lang)  # type: ignore[arg-type]  # one of the tables
    if not endpoints:
        return _Reader((), None, None, lang)
    flagless = any(not item.success_flag for item in endpoints)
    return _Reader(tables_of(endpoints), None, endpoints[0].id, lang, flagless=flagless)


class _Invalid(_Reader):
    """A reader whose answer could not be decoded: its errors are that one InvalidResponseError."""

    __slots__ = ("reason",)

    def __init__(self, reader: _Reader, reason: str) -> None:
        super().__init__(reader.tables, reader.table_id, reader.endpoint_id, reader.lang, flagless=reader.flagless)
        self.reason = reason

    def errors(self, body: object) -> "Iterator[SmsPartnerError]":
        yield self.invalid(self.reason)


def _endpoints_argument(endpoint: object) -> "tuple[Endpoint, ...]":
    """``endpoint=`` as the endpoints it names: an Endpoint, several, an endpoint id, or a URL (() where the catalog
    lists none). An endpoint id the catalog lacks is a ValueError; a URL is never quoted (it carries the API key)."""
    from smspartner_codes._endpoints import ENDPOINTS, Endpoint

    if isinstance(endpoint, Endpoint):
        return (endpoint,)
    if isinstance(endpoint, tuple) and all(isinstance(item, Endpoint) for item in endpoint):
        return endpoint
    if isinstance(endpoint, str) and _looks_like_endpoint_id(endpoint) and endpoint not in ENDPOINTS:
        raise ValueError(f"unknown endpoint {endpoint!r}; smspartner_codes.ENDPOINTS lists them")
    try:
        return _endpoints_of(endpoint)
    except Exception:  # an object whose str() fails: no URL of the catalog's
        return ()


def _looks_like_endpoint_id(text: str) -> bool:
    product, dot, name = text.partition(".")
    return bool(dot) and product in ("sms", "hlr", "voice", "mail") and name.isidentifier() and name.islower()


def _table_id(table: object) -> str:
    if isinstance(table, str) and table in _error_classes:  # the common case, first and cheap
        return table
    error_classes = _load_error_classes()
    table_id = table_id_of(table)
    if table_id is None:
        if isinstance(table, str) and any(mark in table for mark in "/?=:"):  # a URL: never quoted (its API key)
            raise ValueError("unknown table: a URL goes in endpoint=, as raise_for_response(body, endpoint=url)")
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


def _decode(payload: "str | bytes | bytearray | memoryview") -> "tuple[object, str | None]":
    """The decoded body (JSON, or XML read as its JSON twin), or None and what is wrong with it.

    JSON is tried first: it is what nearly every answer is, and no XML is JSON, so an XML answer only
    costs a parse that fails on its first character."""
    if type(payload) is memoryview:
        payload = payload.tobytes()
    try:
        return (_json_loads or _load_json_loads())(payload), None
    except RecursionError:
        return None, f"JSON nested too deep to decode: {_preview(payload)}"
    except ValueError as error:
        not_json = error
    if _may_open_xml(payload[:1]):
        from smspartner_codes._xml import decode_xml, looks_like_xml

        if looks_like_xml(payload):
            if _is_html(payload):
                return None, f"an HTML page, not an answer: {_preview(payload)}"
            body, problem = decode_xml(payload)
            return body, None if problem is None else f"{problem}: {_preview(payload)}"
    from json import JSONDecodeError

    if isinstance(not_json, (JSONDecodeError, UnicodeDecodeError)):
        return None, f"not JSON ({type(not_json).__name__}): {_preview(payload)}"
    return None, f"JSON with a number too long to read: {_preview(payload)}"  # over int()'s 4,300 digits


# json.loads, imported on first use rather than with the package (start-up), and then kept: an import
# statement on every answer would cost the success path a tenth of its time.
_json_loads: "Callable[[str | bytes | bytearray], object] | None" = None


def _load_json_loads() -> "Callable[[str | bytes | bytearray], object]":
    global _json_loads  # noqa: PLW0603  (set once per process, on the first answer decoded)
    from json import loads

    _json_loads = loads
    return loads


def _is_html(payload: "str | bytes | bytearray") -> bool:
    start = payload[:200].lstrip()[:14].lower()
    if isinstance(start, str):
        return start.startswith(("<!doctype html", "<html"))
    return start.startswith((b"<!doctype html", b"<html"))


def _may_open_xml(opening: "str | bytes | bytearray") -> bool:
    """Whether a body's first character may open XML: "<", white space before it, or a byte order mark."""
    if isinstance(opening, str):
        return opening in ("<", "\ufeff") or opening.isspace()
    return opening in (b"<", b"\xef") or opening.isspace()


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
