"""SMSPartner's documented endpoints: ``ENDPOINTS``, ``endpoint(url)`` and ``resolve(endpoint, code, message)``.

``ENDPOINTS`` maps each endpoint id (``"sms.message_cancel"``: product, then name) to its
``Endpoint`` record: method, URLs, tables in order, pages, payload fields. ``endpoint(url)``
gives the endpoints a URL belongs to; ``resolve`` the meaning an answer's code has on an
endpoint (a ``Reading``), chosen by the server's text where the code has more than one.

Secrets. The URL an HTTP client reports carries the API key (``?apiKey=...``, ``/v1/me/KEY``).
``endpoint()`` reads it once, to find the endpoint's path, and keeps nothing of it: no record,
error message, cache or representation here holds a query string or a path parameter's value.

The records are generated data (``smspartner_codes._data._endpoints``, read on first use);
this module is imported on first use too.
"""

from types import MappingProxyType

from smspartner_codes import lookup
from smspartner_codes._tables import MAX_CODE_DIGITS
from smspartner_codes._wording import begins, normalise

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from typing import Final, Literal, TypeAlias

    from smspartner_codes import IntCodeEnum, StrCodeEnum, TableId, WordingLanguage
    from smspartner_codes._alias import Alias
    from smspartner_codes._variant import Variant

    Member: TypeAlias = IntCodeEnum | StrCodeEnum
    Product: TypeAlias = Literal["sms", "hlr", "voice", "mail"]
    Kind: TypeAlias = Literal["call", "push"]
    FieldKey: TypeAlias = Literal["code", "name", "group", "wording"]
    # What the package data gives of an endpoint: the fields of ENDPOINT_FIELDS, in order.
    EndpointRecord: TypeAlias = tuple[
        Kind,
        str | None,
        str | None,
        str,
        tuple[str, ...],
        tuple[tuple[str, bool], ...],
        tuple[TableId, ...],
        tuple[tuple[str, TableId, FieldKey], ...],
        str | None,
        str | None,
        bool,
    ]

__all__ = ["ENDPOINTS", "Endpoint", "EndpointField", "EndpointUrl", "Reading", "endpoint", "resolve"]

# The fields of an endpoint's record, in the order the generator writes them (codegen reads this
# tuple, as it reads smspartner_codes._RECORD_FIELDS): a new field is a name here and its property.
ENDPOINT_FIELDS = (
    "kind",
    "method",
    "title",
    "title_en",
    "pages",
    "urls",
    "tables",
    "fields",
    "no_codes",
    "items",
    "success_flag",
)
_KIND: "Final" = 0
_METHOD: "Final" = 1
_TITLE: "Final" = 2
_TITLE_EN: "Final" = 3
_PAGES: "Final" = 4
_URLS: "Final" = 5
_TABLES: "Final" = 6
_FIELDS: "Final" = 7
_NO_CODES: "Final" = 8
_ITEMS: "Final" = 9
_SUCCESS_FLAG: "Final" = 10


# Records --------------------------------------------------------------------------------------------


class EndpointUrl(tuple[str, bool]):
    """A URL the pages print for an endpoint: ``url``, host and path with parameters as ``{name}``
    (``"api.voicepartner.fr/v1/campaign/cancel/{apiKey}/{campaignId}"``), and ``misprint``:
    whether the URL is another endpoint's, printed on this one's page (the mail pages'
    ``api.smspartner.fr/v1/message-cancel``). It unpacks as ``(url, misprint)``."""

    __slots__ = ()

    def __new__(cls, url: str, misprint: bool) -> "EndpointUrl":
        return tuple.__new__(cls, (url, misprint))

    @property
    def url(self) -> str:
        return self[0]

    @property
    def misprint(self) -> bool:
        return self[1]

    def __getnewargs__(self) -> tuple[str, bool]:
        return (self[0], self[1])

    def __repr__(self) -> str:
        return f"EndpointUrl(url={self[0]!r}, misprint={self[1]!r})"


class EndpointField(tuple[str, "TableId", "FieldKey"]):
    """A payload field whose values a table lists: ``name`` as the pages print it (``"errorName"``,
    ``"StatutResponse_List[].status"``), ``table``, and ``key``: what its value is of the table's
    entries, their ``"code"``, ``"name"``, group id (``"group"``) or text (``"wording"``)."""

    __slots__ = ()

    def __new__(cls, name: str, table: "TableId", key: "FieldKey") -> "EndpointField":
        return tuple.__new__(cls, (name, table, key))

    @property
    def name(self) -> str:
        return self[0]

    @property
    def table(self) -> "TableId":
        return self[1]

    @property
    def key(self) -> "FieldKey":
        return self[2]

    def __getnewargs__(self) -> "tuple[str, TableId, FieldKey]":
        return (self[0], self[1], self[2])

    def __repr__(self) -> str:
        return f"EndpointField(name={self[0]!r}, table={self[1]!r}, key={self[2]!r})"


class Endpoint:
    """A documented endpoint of SMSPartner's APIs, as ``ENDPOINTS`` gives it; immutable, one per id.

    ``tables`` are the tables an answer's code is read with, in order: the endpoint's own table
    first, then the error page's table for that kind of call (``resolve`` reads them so).
    """

    __slots__ = ("_id", "_record")

    if TYPE_CHECKING:
        _id: str
        _record: EndpointRecord

    def __init__(self, endpoint_id: str, record: "EndpointRecord") -> None:
        object.__setattr__(self, "_id", endpoint_id)
        object.__setattr__(self, "_record", record)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"an Endpoint is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"an Endpoint is immutable: cannot delete {name!r}")

    @property
    def id(self) -> str:
        """``<product>.<name>``, such as ``"sms.message_cancel"``."""
        return self._id

    @property
    def product(self) -> "Product":
        """``"sms"``, ``"hlr"`` (number verification), ``"voice"`` or ``"mail"``."""
        return self._id.partition(".")[0]  # type: ignore[return-value]  # the catalog's schema checks it

    @property
    def kind(self) -> "Kind":
        """``"call"``, a request you send; ``"push"``, what SMSPartner sends to your URL (the replies)."""
        return self._record[_KIND]

    @property
    def method(self) -> "str | None":
        """The HTTP method (``"GET"``, ``"POST"``...); None for a push."""
        return self._record[_METHOD]

    @property
    def title(self) -> str:
        """The French page's title (SMSPartner's), or our English where the endpoint has no French page."""
        return self.title_in("fr")

    def title_in(self, lang: "str | None") -> str:
        """The title in ``lang``: ``"en"`` gives our English; any other (and None, the default, French), the French
        page's title where there is one."""
        from smspartner_codes._translations import language_code

        title, english = self._record[_TITLE], self._record[_TITLE_EN]
        return english if title is None or language_code(lang) == "en" else title

    @property
    def pages(self) -> tuple[str, ...]:
        """The vendored pages that document the endpoint (``docpartner/...``, under the catalog's ``upstream/``)."""
        return self._record[_PAGES]

    @property
    def urls(self) -> tuple[EndpointUrl, ...]:
        """Every URL the pages print for it, headline and samples: its own first, misprints flagged."""
        return tuple(EndpointUrl(url, misprint) for url, misprint in self._record[_URLS])

    @property
    def tables(self) -> "tuple[TableId, ...]":
        """The table ids an answer's code is read with, in order (empty where the pages give no code)."""
        return self._record[_TABLES]

    @property
    def fields(self) -> tuple[EndpointField, ...]:
        """The payload fields whose values a table lists (a status, a reply type, the HLR errorName...)."""
        return tuple(EndpointField(name, table, key) for name, table, key in self._record[_FIELDS])

    @property
    def no_codes(self) -> "str | None":
        """Why the endpoint has no table, where its pages give no code at all; else None."""
        return self._record[_NO_CODES]

    @property
    def items(self) -> "str | None":
        """The key of the list of per-number items its answers hold (``"StatutResponse_List"``), or None.

        Each item has its own ``success`` flag, ``code`` and ``phoneNumber``: ``iter_errors``
        yields one error per failed item, whichever documented list holds it.
        """
        return self._record[_ITEMS]

    @property
    def success_flag(self) -> bool:
        """False where the pages print the endpoint's answers without a ``success`` flag (voice's audio
        file list): an answer of its without one is a success."""
        return self._record[_SUCCESS_FLAG]

    def __repr__(self) -> str:
        return f"<Endpoint {self._id}>"

    def __reduce__(self) -> "tuple[object, tuple[str]]":
        # One record per id: unpickling gives back the same object.
        return _endpoint_named, (self._id,)


def _endpoint_named(endpoint_id: str) -> Endpoint:
    """The record of ``endpoint_id`` (what unpickling an Endpoint calls)."""
    return _all()[endpoint_id]


# Every documented endpoint, by id, in the catalog's order: ENDPOINTS, built on first use (the
# generator imports this module for ENDPOINT_FIELDS, whatever state the package data is in).
_endpoints_by_id: "dict[str, Mapping[str, Endpoint]]" = {}


def _all() -> "Mapping[str, Endpoint]":
    try:
        return _endpoints_by_id["all"]
    except KeyError:
        from smspartner_codes._data._endpoints import ENDPOINT_RECORDS

        records = {endpoint_id: Endpoint(endpoint_id, record) for endpoint_id, record in ENDPOINT_RECORDS.items()}
        return _endpoints_by_id.setdefault("all", MappingProxyType(records))


def __getattr__(name: str) -> object:
    if name == "ENDPOINTS":
        return _all()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if TYPE_CHECKING:
    ENDPOINTS: Mapping[str, Endpoint]


# endpoint(url) ---------------------------------------------------------------------------------------

# The URL paths of the catalog, read for speed: per host, each path without parameters
# ("v1/me") with every endpoint it resolves to, in order; and per host and number of
# segments, the paths with parameters (a segment None), each with its endpoint's rank.
# Built on the first call of endpoint(); nothing a caller gives is ever added.
_exact_paths: "dict[str, dict[str, tuple[Endpoint, ...]]]" = {}
_parameter_paths: "dict[tuple[str, int], list[tuple[tuple[str | None, ...], int]]]" = {}


def endpoint(url: object) -> "tuple[Endpoint, ...]":
    """The endpoints ``url`` belongs to, in the catalog's order; empty for a URL the docs don't list.

    ``url`` is the URL a request went to, as an HTTP client reports it (``response.url`` of
    requests, or httpx's URL object: anything whose ``str()`` is the URL): http or https, with
    its query string, path parameters filled in (``.../v1/me/<your key>``). Scheme-less
    ``api.smspartner.fr/v1/send`` and a trailing slash are accepted; the host's case, a port
    and user information are ignored. It may also be an endpoint id (``"sms.send"``).

    A URL can belong to several endpoints: those whose own URL it is come first, then those
    whose pages misprint it (``https://api.smspartner.fr/v1/me``: ``sms.credits``, then
    ``hlr.notify`` and ``mail.credits``, whose pages print it for their own call).

    Nothing of ``url`` is kept: not the query string, not a parameter's value.
    """
    text = url if isinstance(url, str) else str(url)
    found = _all().get(text)
    if found is not None:
        return (found,)
    if not _exact_paths:
        _index_paths()
    host, path = _host_and_path(text)
    exact = _exact_paths.get(host)
    if exact is None:
        return ()
    endpoints = exact.get(path)
    if endpoints is not None:
        return endpoints
    segments = path.split("/")
    candidates = _parameter_paths.get((host, len(segments)))
    if candidates is None:
        return ()
    return _in_order(rank for template, rank in candidates if _fits(segments, template))


def _host_and_path(url: str) -> tuple[str, str]:
    """``"https://user@API.smspartner.fr:443/v1/me/?apiKey=x"`` -> ``("api.smspartner.fr", "v1/me")``.

    An unknown scheme gives an empty host, which no endpoint has.
    """
    scheme, separator, rest = url.strip().partition("://")
    if not separator:
        rest = scheme  # no scheme: printed as the docs print it, host first
    elif scheme.lower() not in ("https", "http"):
        return "", ""
    rest = rest.partition("?")[0].partition("#")[0]
    host, _, path = rest.partition("/")
    return host.rpartition("@")[2].partition(":")[0].lower(), path.rstrip("/")


def _fits(segments: "list[str]", template: "tuple[str | None, ...]") -> bool:
    """Whether a URL's path segments are a template's: literal segments equal, a parameter any non-empty value."""
    for segment, wanted in zip(segments, template, strict=True):
        if segment != wanted and (wanted is not None or not segment):
            return False
    return True


def _in_order(ranks: "Iterable[int]") -> "tuple[Endpoint, ...]":
    """The endpoints of ``ranks`` (see _index_paths), owners first, each endpoint once."""
    endpoints: list[Endpoint] = []
    for rank in sorted(set(ranks)):
        found = _ranked[rank % len(_ranked)]
        if found not in endpoints:
            endpoints.append(found)
    return tuple(endpoints)


# Each endpoint in the catalog's order. A path's rank is its endpoint's position there, plus the
# number of endpoints for a misprint: sorted ranks give owners first, each group in catalog order.
_ranked: "list[Endpoint]" = []


def _index_paths() -> None:
    from smspartner_codes._data._endpoints import URL_PATHS

    ranked = list(_all().values())
    position = {item.id: index for index, item in enumerate(ranked)}
    _ranked[:] = ranked
    parameters: dict[tuple[str, int], list[tuple[tuple[str | None, ...], int]]] = {}
    all_paths: dict[tuple[str, int], list[tuple[tuple[str | None, ...], int]]] = {}
    for host, paths in URL_PATHS.items():
        for template, endpoint_id, misprint in paths:
            rank = position[endpoint_id] + (len(ranked) if misprint else 0)
            all_paths.setdefault((host, len(template)), []).append((template, rank))
            if None in template:
                parameters.setdefault((host, len(template)), []).append((template, rank))
    exact: dict[str, dict[str, tuple[Endpoint, ...]]] = {}
    for (host, _), templates in all_paths.items():
        for template, _rank in templates:
            literal = [segment for segment in template if segment is not None]
            if len(literal) == len(template):
                matches = (rank for other, rank in templates if _fits(literal, other))
                exact.setdefault(host, {})["/".join(literal)] = _in_order(matches)
    _parameter_paths.update(parameters)
    _exact_paths.update(exact)  # last: endpoint() takes a non-empty _exact_paths for a finished index


# resolve(endpoint, code, message) --------------------------------------------------------------------


class Reading:
    """The meaning an answer's code has on an endpoint, as ``resolve`` finds it; immutable.

    ``member``: the code's member in the table that gave the reading. ``alias``: where the
    reading is the code's second meaning in that table (an ``Alias`` of ``member``, with its own
    texts: ``SmsContactAddControl`` 10 "La Clé API est requise"), that alias, else None.
    ``matched``: whether the server's text is one of the reading's wordings; False where it
    matched none (or none was given) and the reading is the catalog's default for the code.

    ``name``, ``message``, ``message_language``, ``variants`` and ``message_in(lang)`` are the
    alias's where there is one, else the member's; ``hint`` is None for an alias (a member's
    hint is advice on the member's meaning, not the alias's).
    """

    __slots__ = ("alias", "matched", "member")

    if TYPE_CHECKING:
        member: Member
        alias: Alias | None
        matched: bool

    def __init__(self, member: "Member", alias: "Alias | None" = None, *, matched: bool = False) -> None:
        object.__setattr__(self, "member", member)
        object.__setattr__(self, "alias", alias)
        object.__setattr__(self, "matched", matched)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Reading is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a Reading is immutable: cannot delete {name!r}")

    @property
    def table(self) -> str:
        return self.member.table

    @property
    def code(self) -> "int | str":
        return self.member.code

    @property
    def name(self) -> str:
        return self.member.name if self.alias is None else self.alias.name

    @property
    def message(self) -> str:
        return self.member.message if self.alias is None else self.alias.message

    @property
    def message_language(self) -> "WordingLanguage":
        return self.member.message_language if self.alias is None else self.alias.message_language

    @property
    def variants(self) -> "tuple[Variant, ...]":
        return self.member.variants if self.alias is None else self.alias.variants

    @property
    def hint(self) -> "str | None":
        return self.member.hint if self.alias is None else None

    def message_in(self, lang: "str | None") -> str:
        return self.member.message_in(lang) if self.alias is None else self.alias.message_in(lang)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Reading):
            return NotImplemented
        return (self.member, self.alias, self.matched) == (other.member, other.alias, other.matched)

    def __hash__(self) -> int:
        return hash((self.member, self.name, self.matched))

    def __reduce__(self) -> "tuple[object, tuple[object, ...]]":
        return _reading, (self.member, self.alias, self.matched)

    def __repr__(self) -> str:
        second = f" ({self.name}, a second meaning)" if self.alias is not None else ""
        how = "matched by the server's text" if self.matched else "by default"
        return f"<Reading {self.member!r}{second}, {how}>"


def _reading(member: "Member", alias: "Alias | None", matched: bool) -> Reading:
    return Reading(member, alias, matched=matched)


def resolve(
    endpoint: "Endpoint | str | Iterable[Endpoint | str]", code: object, message: "str | None" = None
) -> "Reading | None":
    """The meaning ``code`` has in an answer of ``endpoint``, or None where its tables lack the code.

    ``endpoint``: an ``Endpoint``, an endpoint id, or several (what ``endpoint(url)`` gives for
    a URL that belongs to more than one: their tables are read in turn, each once). ``code``:
    as the answer carries it (``10``, ``"10"``, ``"DELIVRD"``). ``message``: the server's text,
    where the answer has one (anything but a string, as a body may hold, is no text).

    The code is looked up in the endpoint's tables, in order; the candidates are its member in
    each table, each followed by the code's second meanings there (aliases). The candidate one
    of whose wordings the server's text matches (the catalog's rule, the longest wording
    winning) is the reading, with ``matched`` True; otherwise the first candidate, the reading
    the catalog chose for the code, with ``matched`` False.

    Fast enough to call once per item of a bulk answer: what a code means on some tables is
    worked out once (Readings are immutable, and shared), and a server text that is one of
    the documented wordings as printed is found without normalising it.
    """
    if code is True or code is False:  # equal to 1 and 0, but no code
        return None
    # (No lookup that raises KeyError here: an error raised while handling it would carry the key,
    # a URL given by mistake among them, in its context.)
    try:
        meanings = _meanings_by_code.get((endpoint, code))
    except TypeError:  # an unhashable code (or a list of endpoints): work it out, keep nothing
        meanings = None
    if meanings is None:
        meanings = _meanings(endpoint, code)
        if meanings is None:
            return None
    return meanings.reading(message)


def resolve_in_tables(tables: "tuple[TableId, ...]", code: object, message: object = None) -> "Reading | None":
    """``resolve`` on tables given by id, in order: what the readers of answers call, once they know the tables
    (an endpoint's, or the one table given to ``raise_for_response``). An unknown table id raises KeyError."""
    if code is True or code is False or not isinstance(code, (int, str)):
        return None
    meanings = _meanings_by_tables.get((tables, code))
    if meanings is None:
        meanings, as_written = _meanings_on_tables(tables, code)
        if meanings is None:
            return None
        if as_written and len(_meanings_by_tables) < _MAX_KEPT:
            _meanings_by_tables[tables, code] = meanings
    return meanings.reading(message)


def tables_of(endpoints: "Endpoint | str | Iterable[Endpoint | str]") -> "tuple[TableId, ...]":
    """The tables an answer of ``endpoints`` is read with, in order, each once (see ``resolve``)."""
    return _tables_of(endpoints)


class _Meanings:
    """What a code means on some tables: its candidates, each with its wordings' normal forms, and the readings."""

    __slots__ = ("candidates", "default", "verbatim")

    def __init__(self, candidates: "list[tuple[Member, Alias | None, tuple[str, ...]]]", texts: "list[str]") -> None:
        self.candidates = candidates
        member, alias, _ = candidates[0]
        self.default = Reading(member, alias)
        # Each documented wording as printed, with the reading a server text equal to it gets.
        verbatim = {text: self.matching(normalise(text)) for text in texts}
        self.verbatim: dict[str, Reading] = {text: found for text, found in verbatim.items() if found is not None}

    def reading(self, message: object) -> Reading:
        """The reading the server's text gives (the default where it is no text or matches no wording)."""
        if message and isinstance(message, str):
            found = self.verbatim.get(message)
            if found is None:
                found = self.matching(normalise(message))
            if found is not None:
                return found
        return self.default

    def matching(self, server: str) -> "Reading | None":
        """The reading whose wording ``server`` (a normal form) matches, the longest winning; None if none does.

        The rule of smspartner_codes._wording.longest_match, over every candidate's wordings in order.
        """
        best: tuple[Member, Alias | None] | None = None
        best_length = 0
        for member, alias, wordings in self.candidates:
            for wording in wordings:
                if len(wording) > best_length and begins(server, wording):
                    best, best_length = (member, alias), len(wording)
        return None if best is None else Reading(*best, matched=True)


# What a code means on an endpoint (as resolve() was given it: an Endpoint, an id, or a tuple of
# them), per (that endpoint, the code), filled as answers are read. A code is kept only as its
# table gives it (10, "10", "DELIVRD": not any other case), an endpoint only if it is one of the
# catalog's (an unknown id raises first), and at most _MAX_KEPT items in all: callers' input never
# makes it grow without end.
_meanings_by_code: "dict[tuple[object, object], _Meanings]" = {}
_MAX_KEPT = 4096


def _meanings(endpoint: "Endpoint | str | Iterable[Endpoint | str]", code: object) -> "_Meanings | None":
    tables = _tables_of(endpoint)  # first: an unknown endpoint raises, whatever the code
    if isinstance(code, bool) or not isinstance(code, (int, str)):
        return None
    meanings = _meanings_by_tables.get((tables, code))
    if meanings is None:
        meanings, as_written = _meanings_on_tables(tables, code)
        if meanings is None or not as_written or len(_meanings_by_tables) >= _MAX_KEPT:
            return meanings
        _meanings_by_tables[tables, code] = meanings
    if isinstance(endpoint, (Endpoint, str, tuple)) and len(_meanings_by_code) < _MAX_KEPT:
        _meanings_by_code[endpoint, code] = meanings
    return meanings


def _meanings_on_tables(tables: "tuple[TableId, ...]", code: "int | str") -> "tuple[_Meanings | None, bool]":
    """What ``code`` means on ``tables``, and whether it is written as they write it (10, "10", "DELIVRD")."""
    candidates: list[tuple[Member, Alias | None, tuple[str, ...]]] = []
    texts: list[str] = []
    as_written = True
    for table_id in tables:
        member = lookup(table_id, _as_table_code(table_id, code))
        if member is None:
            continue
        as_written = as_written and str(member.code) == str(code)
        in_table = _candidates_by_code.get((table_id, member.code))
        if in_table is None:
            in_table = _candidates_by_code[table_id, member.code] = _candidates_in_table(member)
        candidates += in_table
        texts += _wordings_as_printed(member)
    return (_Meanings(candidates, texts) if candidates else None), as_written


# The same, per (tables, code): an endpoint id, its record and a URL of it share their meanings.
_meanings_by_tables: "dict[tuple[tuple[TableId, ...], object], _Meanings]" = {}


def _wordings_as_printed(member: "Member") -> "list[str]":
    """Every wording SMSPartner's pages give for the code, in its table, its aliases' included."""
    texts: list[str] = []
    for meaning in (member, *member.aliases):
        texts += [meaning.message] if meaning.message_language is not None else []
        texts += [variant.text for variant in meaning.variants]
    return texts


# The tables of an endpoint, or of the endpoints of a URL, per what resolve() was given.
_tables_by_endpoints: "dict[object, tuple[TableId, ...]]" = {}


def _tables_of(endpoint: "Endpoint | str | Iterable[Endpoint | str]") -> "tuple[TableId, ...]":
    """The tables of one or several endpoints, in order, each once; an unknown id raises KeyError."""
    if isinstance(endpoint, Endpoint):
        return endpoint.tables
    try:
        return _tables_by_endpoints[endpoint]
    except (KeyError, TypeError):  # not seen yet, or a list
        pass
    items = (endpoint,) if isinstance(endpoint, str) else endpoint
    tables: list[TableId] = []
    for item in items:
        record = item if isinstance(item, Endpoint) else _known(item)
        tables += [table_id for table_id in record.tables if table_id not in tables]
    found = tuple(tables)
    # Only endpoint ids and the tuples endpoint() returns (or any tuple of records): a bounded set.
    if isinstance(endpoint, (str, tuple)) and len(_tables_by_endpoints) < _MAX_KEPT:
        _tables_by_endpoints[endpoint] = found
    return found


def _known(endpoint_id: object) -> Endpoint:
    record = _all().get(endpoint_id) if isinstance(endpoint_id, str) else None
    if record is None:
        # Never quote what was given: a URL passed here by mistake would print its API key.
        raise KeyError(
            "unknown endpoint: give an Endpoint, an endpoint id (smspartner_codes.ENDPOINTS lists them),"
            " or what endpoint(url) returns for a URL"
        )
    return record


# Per (table id, code): the code's candidates in that table, each with its wordings' normal forms.
# Only codes of the catalog are kept, so it holds at most one item per entry.
_candidates_by_code: "dict[tuple[str, object], list[tuple[Member, Alias | None, tuple[str, ...]]]]" = {}


def _as_table_code(table_id: str, code: "int | str") -> "int | str":
    """``"10"`` is code 10 in a table of integer codes, as the answers of some endpoints spell it.

    A digit string longer than any code is no code (and past 4,300 digits int() would refuse it).
    """
    if isinstance(code, str) and code.isascii() and code.isdigit() and len(code) <= MAX_CODE_DIGITS:
        from smspartner_codes._data._registry import INTEGER_TABLES

        if table_id in INTEGER_TABLES:
            return int(code)
    return code


def _candidates_in_table(member: "Member") -> "list[tuple[Member, Alias | None, tuple[str, ...]]]":
    """The member, then its aliases (the code's other meanings in its table), each with its wordings' normal forms."""

    def wordings(message: str, language: "WordingLanguage", variants: "tuple[Variant, ...]") -> tuple[str, ...]:
        texts = ([message] if language is not None else []) + [variant.text for variant in variants]
        return tuple(normalise(text) for text in texts)

    found: list[tuple[Member, Alias | None, tuple[str, ...]]] = [
        (member, None, wordings(member.message, member.message_language, member.variants))
    ]
    found += [
        (member, alias, wordings(alias.message, alias.message_language, alias.variants)) for alias in member.aliases
    ]
    return found
