"""SMSPartner's XML answers (``_format=xml``), read into what their JSON twins decode to.

The API's XML drops the keys of its JSON: an answer is a ``<result>`` of ``<entry>`` elements in
the JSON's order, lists and objects alike nested as ``<entry>`` (``<entry>false</entry>
<entry>9</entry><entry><entry><entry>children[message].data</entry><entry>Le message est
requis</entry></entry>...</entry>``). So an answer is read by position, as the JSON's first keys
always come: the success flag, then the code; after them, in an error, the first text is the
server's message and the first list of (element id, message) pairs its field errors; in a
success, the first list of items that begin with a success flag and a code is its list of
per-number items, each item's phone number being its first text in international form
(``+`` and digits: the key is gone). Elements with names of their own (``<username>``) are
read by name.

The standard library's expat parser reads it, refusing any document type declaration, and
so any entity declaration: no entity is expanded, nothing outside the text is fetched. This
module is imported only when an answer is XML.
"""

import re
from xml.parsers import expat

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NoReturn, TypeAlias

    # A parsed element: its tag, its text (character data, CDATA included) and its children.
    Element: TypeAlias = tuple[str, list[str], list["Element"]]

__all__ = ["decode_xml", "looks_like_xml"]

# Deeper than any answer (SMSPartner's nest four levels): a deeper document is refused, not read.
MAX_DEPTH = 64

# An item's phone number, as the JSON's phoneNumber writes it: "+33699999993", "+336xxxxxxx1".
_PHONE_NUMBER = re.compile(r"\+[0-9xX]{6,20}")
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")


class XmlRefused(Exception):
    """What the parser will not read (a DTD, an entity declaration, a document nested too deep)."""


def looks_like_xml(text: "str | bytes | bytearray") -> bool:
    """Whether an answer's text is XML: its first character, past white space and a byte order mark, is ``<``."""
    if isinstance(text, str):
        return text.lstrip("\ufeff \t\r\n")[:1] == "<"
    return text.lstrip(b" \t\r\n").removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")[:1] == b"<"


def decode_xml(text: "str | bytes | bytearray") -> "tuple[object, str | None]":
    """The answer as its JSON twin decodes (a dict), or None and what is wrong with the text."""
    try:
        root = _parse(text)
    except XmlRefused as refused:
        return None, str(refused)
    except expat.ExpatError as error:
        return None, f"not well-formed XML ({expat.ErrorString(error.code)}, line {error.lineno})"
    except UnicodeError:
        return None, "XML text that no encoding writes (lone surrogates)"
    if root[0] != "result":
        return None, f"XML whose root element is <{root[0][:40]}>, not an answer's <result>"
    return _answer(root), None


def _parse(text: "str | bytes | bytearray") -> "Element":
    """The document's root element, read with expat; white space before the XML declaration is skipped."""
    if isinstance(text, str):
        data = text.lstrip("\ufeff \t\r\n").encode("utf-8")
        parser = expat.ParserCreate("UTF-8")  # the text is already decoded: its declaration's encoding is moot
    else:
        data = bytes(text).lstrip(b" \t\r\n").removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
        parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    root: list[Element] = []
    stack: list[Element] = []

    def refuse_dtd(*_: object) -> "NoReturn":
        raise XmlRefused("XML with a document type declaration (DTD), which answers never carry: not read")

    def refuse_entity(*_: object) -> "NoReturn":
        raise XmlRefused("XML declaring an entity, which answers never do: not read")

    def start(tag: str, _attributes: object) -> None:
        if len(stack) == MAX_DEPTH:
            raise XmlRefused(f"XML nested over {MAX_DEPTH} levels: not read")
        element: Element = (tag, [], [])
        (stack[-1][2] if stack else root).append(element)
        stack.append(element)

    def end(_tag: str) -> None:
        stack.pop()

    def text_of(data: str) -> None:
        if stack:
            stack[-1][1].append(data)

    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_entity
    parser.UnparsedEntityDeclHandler = refuse_entity
    parser.ExternalEntityRefHandler = refuse_entity
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text_of
    parser.Parse(data, True)
    return root[0]  # a well-formed document has exactly one root


def _answer(root: "Element") -> object:
    """The root as the JSON twin's object: positional entries read by position, named elements by name."""
    _, _, children = root
    if not children:
        return _scalar(root)
    if all(tag == "entry" for tag, _, _ in children):
        return _positional(children)
    answer = {child[0]: _value(child) for child in children}
    if "code" in answer:
        answer["code"] = _code(answer["code"])
    return answer


def _positional(entries: "list[Element]") -> "dict[str, object]":
    """``<entry>`` flag, ``<entry>`` code, then the rest, as the JSON's keys would name them."""
    values = [_value(entry) for entry in entries]
    answer: dict[str, object] = {"success": values[0]}
    if len(values) > 1:
        answer["code"] = _code(values[1])
    rest = values[2:]
    if answer["success"] is False:
        message = next((value for value in rest if isinstance(value, str)), None)
        if message is not None:
            answer["message"] = message
        errors = next((pairs for pairs in map(_field_error_pairs, rest) if pairs), None)
        if errors is not None:
            answer["errors"] = [{"elementId": element, "message": message} for element, message in errors]
    items = next((items for items in map(_items, rest) if items), None)
    if items is not None:
        answer["results"] = [_item(item) for item in items]
    return answer


def _value(element: "Element") -> object:
    """An element's value: its text for a leaf, a list for nested entries, an object for named children."""
    _, _, children = element
    if not children:
        return _scalar(element)
    if all(tag == "entry" for tag, _, _ in children):
        return [_value(child) for child in children]
    return {child[0]: _value(child) for child in children}


def _scalar(element: "Element") -> object:
    text = "".join(element[1]).strip()
    if text in ("true", "false"):
        return text == "true"
    return text


def _code(value: object) -> object:
    """The code, as a number where the text is one (the JSON writes ``"code": 9``)."""
    if isinstance(value, str) and _INTEGER.fullmatch(value):
        return int(value)
    return value


def _field_error_pairs(value: object) -> "list[tuple[str, str]]":
    """A list of (element id, message) pairs, as field errors are written: each a list of two texts; else []."""
    if not isinstance(value, list):
        return []
    pairs: list[tuple[str, str]] = []
    for pair in value:
        if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str) and isinstance(pair[1], str)):
            return []
        pairs.append((pair[0], pair[1]))
    return pairs


def _items(value: object) -> "list[list[object]]":
    """A list of per-number items, each a list that begins with a success flag and a code; else []."""
    if not isinstance(value, list):
        return []
    items: list[list[object]] = []
    for item in value:
        if not (isinstance(item, list) and len(item) >= 2 and isinstance(item[0], bool)):
            return []
        items.append(item)
    return items


def _item(values: "list[object]") -> "dict[str, object]":
    item: dict[str, object] = {"success": values[0], "code": _code(values[1])}
    phone_number = next(
        (value for value in values[2:] if isinstance(value, str) and _PHONE_NUMBER.fullmatch(value)), None
    )
    if phone_number is not None:
        item["phoneNumber"] = phone_number
    return item
