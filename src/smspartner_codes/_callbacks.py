"""What SMSPartner pushes to your URLs: the HLR notification and the replies to your SMS.

``read_hlr_notification(payload)``: the result of a number verification, pushed to the
``notifyUrl`` of ``POST /v1/hlr/notify``. ``read_reply(payload)``: a reply to your SMS, pushed to
your ``urlResponse``, in either documented shape (a long number's, with its concatenation
fields; the short number's, ``"type": "response"``). A payload arrives as JSON or as form
fields: give the decoded mapping (your framework's ``request.json`` or ``request.form``, whose
values are then all strings), or the raw body (JSON, or ``a=1&b=2`` form encoding). No web
framework is needed. A payload that is no mapping raises ``InvalidResponseError``; a field
missing or unreadable gives None, never an exception.

The delivery report SMSPartner pushes to ``urlDlr`` has no documented payload; its statuses
are ``DlrStatus`` and ``DeliveryStatus`` members, whose enum call and ``lookup`` accept every
documented spelling in any case (``DlrStatus("delivrd")``, ``DeliveryStatus("Delivered")``).
"""

from dataclasses import dataclass

from smspartner_codes import lookup

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime

    from smspartner_codes._data._exports import HlrError, HlrErrorGroup, HlrStatus, SmsReplyType

__all__ = ["HlrNotification", "Reply", "read_hlr_notification", "read_reply"]

# The endpoints the payloads belong to, as their errors name them.
_HLR_ENDPOINT = "hlr.notify"
_REPLY_ENDPOINT = "sms.reply"

# No field of these payloads is longer; a longer value is not kept (a form may carry anything).
_MAX_VALUE_LENGTH = 10_000


@dataclass(frozen=True, slots=True)
class HlrNotification:
    """The result of a number verification (HLR), as SMSPartner pushes it to your ``notifyUrl``.

    ``phone``: the number verified; ``message_id``: the verification's id; ``error``: the
    ``HlrError`` member (from ``errorId``, else ``errorName``, whose documented trailing space is
    tolerated), ``HlrError.NO_ERROR`` for a number that answered, None where the payload names
    none the catalog knows; ``error_group``: the ``HlrErrorGroup`` (``errorGrpId``, else the
    error's group); ``error_name`` and ``error_description``: ``errorName`` and ``errorDesc`` as
    sent; ``ported``: whether the number moved to another operator; ``mcc_mnc``: its network's
    country and network codes (``"20815"``); ``date``: when the verification ran (None where
    it does not read as an ISO 8601 date); ``status``: the ``HlrStatus`` where the payload
    carries one (``statusId``).
    """

    phone: "str | None"
    message_id: "str | None"
    error: "HlrError | None"
    error_group: "HlrErrorGroup | None"
    error_name: "str | None"
    error_description: "str | None"
    ported: "bool | None"
    mcc_mnc: "str | None"
    date: "datetime | None"
    status: "HlrStatus | None"

    @property
    def reachable(self) -> bool:
        """Whether the verification found no error (``errorId`` 0, ``NO_ERROR``)."""
        return self.error is not None and self.error.code == 0

    def raise_for_error(self, lang: "str | None" = "fr") -> None:
        """Raise the ``HlrErrorApiError`` the notification reports, as ``raise_for_response`` does for an answer;
        return None where it reports no error. An error the catalog does not know raises one too, without a member."""
        if self.reachable or (self.error is None and self.error_name is None):
            return
        from smspartner_codes._errors import _language, _load_error_classes

        code = self.error.code if self.error is not None else self.error_name
        error = _load_error_classes()["hlr_error"]("hlr_error", code, self.error_description)
        error.phone_number = self.phone
        error.lang = _language(lang)
        error.endpoint = _HLR_ENDPOINT
        raise error


@dataclass(frozen=True, slots=True)
class Reply:
    """A reply to your SMS, as SMSPartner pushes it to your ``urlResponse``.

    ``text``: the reply, verbatim; ``phone_number``: who sent it (``msisdn``, or the short
    number's ``phone_number``); ``message_id``: the reply's id (``messageId`` or ``message_id``);
    ``type``: ``SmsReplyType.TEXT`` (to a long number) or ``SmsReplyType.RESPONSE`` (to the
    short number), None for a type the catalog does not list; ``to``: the number it was sent
    to; ``keyword``: its first word, as SMSPartner gives it; ``timestamp``: when it arrived, as
    sent (``"2016-03-10 09:51:46"``); and, for a long reply sent in parts, ``concatenated``
    (True), ``reference`` (shared by the parts), ``part`` and ``parts`` (its place and their number).
    """

    text: "str | None"
    phone_number: "str | None"
    message_id: "str | None"
    type: "SmsReplyType | None"
    to: "str | None" = None
    keyword: "str | None" = None
    timestamp: "str | None" = None
    concatenated: bool = False
    reference: "str | None" = None
    part: "int | None" = None
    parts: "int | None" = None


def read_hlr_notification(payload: object) -> HlrNotification:
    """The HLR notification ``payload`` holds: a mapping (JSON or form fields), or the raw body.

    Raises ``InvalidResponseError`` only for a payload that is no mapping of fields.
    """
    fields = _fields(payload, _HLR_ENDPOINT)
    error_id = _integer(fields.get("errorId"))
    error_name = _text(fields.get("errorName"), strip=False)  # as sent: "NO_ERROR " is documented so
    error = lookup("hlr_error", error_id) if error_id is not None else None
    if error is None and error_name is not None:
        error = lookup("hlr_error", error_name)  # its spellings: "NO_ERROR " as documented
    group_id = _integer(fields.get("errorGrpId"))
    error_group = _group(group_id) if group_id is not None else None
    if error_group is None and error is not None:
        error_group = error.group  # type: ignore[union-attr]  # an HlrError has its group
    status_id = _integer(fields.get("statusId"))
    return HlrNotification(
        phone=_text(fields.get("phone")),
        message_id=_text(fields.get("messageId")),
        error=error,  # type: ignore[arg-type]  # lookup in hlr_error gives an HlrError
        error_group=error_group,
        error_name=error_name,
        error_description=_text(fields.get("errorDesc")),
        ported=_flag(fields.get("ported")),
        mcc_mnc=_text(fields.get("mccMnc")),
        date=_date(fields.get("date")),
        status=lookup("hlr_status", status_id) if status_id is not None else None,  # type: ignore[arg-type]
    )


def read_reply(payload: object) -> Reply:
    """The reply ``payload`` holds, in either documented shape: a mapping (JSON or form fields), or the raw body.

    Raises ``InvalidResponseError`` only for a payload that is no mapping of fields.
    """
    fields = _fields(payload, _REPLY_ENDPOINT)
    type_text = _text(fields.get("type"))
    return Reply(
        text=_text(fields.get("text"), strip=False),
        phone_number=_text(_first(fields, "msisdn", "phone_number")),
        message_id=_text(_first(fields, "messageId", "message_id")),
        type=lookup("sms_reply_type", type_text) if type_text is not None else None,  # type: ignore[arg-type]
        to=_text(fields.get("to")),
        keyword=_text(fields.get("keyword")),
        timestamp=_text(fields.get("message-timestamp")),
        concatenated=_flag(fields.get("concat")) is True,
        reference=_text(fields.get("concat-ref")),
        part=_integer(fields.get("concat-part")),
        parts=_integer(fields.get("concat-total")),
    )


# Reading fields ----------------------------------------------------------------------------------


def _fields(payload: object, endpoint_id: str) -> "Mapping[object, object]":
    """The payload as a mapping of its fields; a raw body is decoded (JSON, else form encoding)."""
    from collections.abc import Mapping

    if isinstance(payload, (bytes, bytearray, memoryview)):
        try:
            payload = bytes(payload).decode("utf-8")
        except UnicodeDecodeError:
            _invalid("a body that is not UTF-8 text", endpoint_id)
    if isinstance(payload, str):
        payload = _decoded(payload, endpoint_id)
    if not isinstance(payload, Mapping):
        _invalid(f"a {type(payload).__name__}, not a mapping of fields", endpoint_id)
    return payload


def _decoded(body: str, endpoint_id: str) -> object:
    if body.lstrip()[:1] in ("{", "["):  # JSON (a form field starts with its name)
        import json

        try:
            return json.loads(body)
        except (ValueError, RecursionError):  # JSONDecodeError, or a number longer than int() takes
            _invalid("a body that starts as JSON but is not JSON", endpoint_id)
    from urllib.parse import parse_qsl

    try:
        return dict(parse_qsl(body, keep_blank_values=True))
    except ValueError:  # more fields than parse_qsl takes
        _invalid("a form body that cannot be read", endpoint_id)


def _invalid(reason: str, endpoint_id: str) -> "NoReturn":
    from smspartner_codes._errors import InvalidResponseError

    raise InvalidResponseError(None, f"{reason} (a {endpoint_id} payload)", endpoint=endpoint_id)


if TYPE_CHECKING:
    from typing import NoReturn


def _first(fields: "Mapping[object, object]", *keys: str) -> object:
    for key in keys:
        value = fields.get(key)
        if value is not None:
            return value
    return None


def _scalar(value: object) -> object:
    """A field's value; a form decoded into lists (``parse_qs``) gives its last value."""
    if isinstance(value, (list, tuple)) and value:
        value = value[-1]
    return value


def _text(value: object, *, strip: bool = True) -> "str | None":
    value = _scalar(value)
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    text = value if isinstance(value, str) else str(value)
    if len(text) > _MAX_VALUE_LENGTH:
        return None
    if not strip:
        return text
    return text.strip() or None


def _integer(value: object) -> "int | None":
    value = _scalar(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value.bit_length() <= 60 else None
    if isinstance(value, str):
        text = value.strip()
        if text.isascii() and text.isdigit() and len(text) <= 18:
            return int(text)
    return None


def _flag(value: object) -> "bool | None":
    value = _scalar(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return {0: False, 1: True}.get(value)
    if isinstance(value, str):
        return {"1": True, "true": True, "0": False, "false": False}.get(value.strip().lower())
    return None


def _group(group_id: int) -> "HlrErrorGroup | None":
    import smspartner_codes

    group_class = smspartner_codes.HlrErrorGroup
    try:
        return group_class(group_id)
    except ValueError:
        return None


def _date(value: object) -> "datetime | None":
    text = _text(value)
    if text is None or len(text) > 64:
        return None
    from datetime import datetime

    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None
