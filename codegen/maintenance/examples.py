"""Read the example answers of SMSPartner's pages, as printed, into their objects and fields.

Many examples are not valid as printed: doubled braces (``{ { ... } }``), placeholders
(``"message_id":xxx``), a remark inside the JSON, an ellipsis for more items, PHP
``Array (...)`` dumps fenced as JSON. Each example is first parsed strictly (is it valid as
printed, and if not why), then read tolerantly: every ``{...}`` is an object and every
``"key": value`` inside it a field, whatever surrounds them. The tolerant reader never
fails; it reads what is there, one token at a time, so it is linear in the text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from xml.etree import ElementTree

Scalar = str | int | float | bool | None

# A field whose value is an object or a list (read as objects of their own).
CONTAINER = "<container>"


@dataclass(frozen=True)
class ExampleValue:
    """One field of an example object: its key, its value as read, and its line on the page."""

    key: str
    value: Scalar
    line: int


ExampleObject = tuple[ExampleValue, ...]


def read_example(example_format: str, text: str, first_line: int) -> tuple[bool, str, tuple[ExampleObject, ...]]:
    """(parses as printed, why not, the objects read) for an example of ``example_format``."""
    if example_format == "xml":
        return _read_xml(text, first_line)
    if example_format == "php":
        return False, "a PHP print_r dump (Array (...)), not JSON", _read_php(text, first_line)
    strict, problem = True, ""
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        strict, problem = False, f"not valid JSON: {error.msg} (line {first_line + error.lineno - 1})"
    return strict, problem, read_json_tolerantly(text, first_line)


# JSON, tolerantly ------------------------------------------------------------------

_TOKEN = re.compile(
    r"""(?P<newline>\n)
    |(?P<space>[ \t\r]+)
    |(?P<comment>//[^\n]*)
    |(?P<string>"(?:\\.|[^"\\\n])*")
    |(?P<punctuation>[{}\[\]:,])
    |(?P<word>[^\s{}\[\]:,"]+)""",
    re.VERBOSE,
)
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")


def _word_value(word: str) -> Scalar:
    if word in ("true", "false"):
        return word == "true"
    if word == "null":
        return None
    if _NUMBER.fullmatch(word):
        number = float(word)
        return int(word) if number.is_integer() and re.fullmatch(r"-?[0-9]+", word) else number
    return word


def _string_value(token: str) -> str:
    try:
        value: str = json.loads(token)
    except json.JSONDecodeError:  # an invalid escape: keep the text between the quotes as printed
        return token[1:-1]
    return value


class _Container:
    def __init__(self, is_object: bool) -> None:
        self.is_object = is_object
        self.fields: list[ExampleValue] = []
        self.key: tuple[str, int] | None = None  # a key read, waiting for its value
        self.last_string: tuple[str, int] | None = None  # a string that may turn out to be a key


def read_json_tolerantly(text: str, first_line: int) -> tuple[ExampleObject, ...]:
    """Every object of ``text`` with its scalar fields (and CONTAINER for nested values), outermost first."""
    reader = _TolerantReader()
    line = first_line
    for match in _TOKEN.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind == "newline":
            line += 1
        elif kind == "punctuation":
            reader.punctuation(token, line)
        elif kind == "string":
            reader.string(_string_value(token), line)
        elif kind == "word":
            reader.value(_word_value(token), line)
    return tuple(tuple(container.fields) for container in reader.objects if container.fields)


class _TolerantReader:
    """The containers open at this point of the text, and every object met so far."""

    def __init__(self) -> None:
        self.objects: list[_Container] = []
        self.stack: list[_Container] = []

    def punctuation(self, token: str, line: int) -> None:
        top = self.stack[-1] if self.stack else None
        if token in "{[":
            if top is not None:
                _take_value(top, CONTAINER, line)
            container = _Container(token == "{")
            self.stack.append(container)
            if container.is_object:
                self.objects.append(container)
        elif token in "}]":
            if self.stack:
                self.stack.pop()
        elif token == ":" and top is not None and top.last_string is not None:
            top.key, top.last_string = top.last_string, None

    def string(self, value: str, line: int) -> None:
        if not self.stack:
            return
        top = self.stack[-1]
        if top.key is None:
            top.last_string = (value, line)
        else:
            _take_value(top, value, line)

    def value(self, value: Scalar, line: int) -> None:
        if self.stack:
            _take_value(self.stack[-1], value, line)


def _take_value(container: _Container, value: Scalar, line: int) -> None:
    """The value of the key the container waits for; any other value (a remark, an ellipsis) is skipped."""
    if container.key is not None:
        key, _ = container.key
        container.fields.append(ExampleValue(key, value, line))
        container.key = None
    container.last_string = None


# XML ------------------------------------------------------------------------------

_XML_LINE_OF_TAG = re.compile(r"<(?P<tag>[A-Za-z_][\w.-]*)[^>]*>")


def _read_xml(text: str, first_line: int) -> tuple[bool, str, tuple[ExampleObject, ...]]:
    """SMSPartner's XML drops the keys: ``<result><entry>false</entry><entry>9</entry>...``.

    The first two entries of ``<result>`` are the success flag and the code when they read
    as such; other leaves are keyed by their tag, or by their position for ``<entry>``.
    """
    stripped = text.strip()
    offset = text.index(stripped[:1]) if stripped else 0
    start_line = first_line + text.count("\n", 0, offset)
    try:
        root = ElementTree.fromstring(stripped)
    except ElementTree.ParseError as error:
        row, _ = error.position
        return False, f"not well-formed XML: {error} (line {start_line + row - 1})", ()
    lines = _tag_lines(stripped, start_line)
    objects: list[ExampleObject] = []
    _xml_objects(root, lines, objects, is_result=root.tag == "result")
    return True, "", tuple(objects)


def _tag_lines(text: str, first_line: int) -> list[int]:
    """The line of each opening tag, in document order (ElementTree keeps no positions)."""
    lines = []
    line = first_line
    position = 0
    for match in _XML_LINE_OF_TAG.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        if not match.group(0).startswith("<?"):
            lines.append(line)
    return lines


def _xml_objects(
    element: ElementTree.Element, lines: list[int], objects: list[ExampleObject], *, is_result: bool
) -> None:
    order = {id(node): index for index, node in enumerate(element.iter())}
    first_index = 0

    def line_of(node: ElementTree.Element) -> int:
        index = order[id(node)] + first_index
        return lines[index] if index < len(lines) else lines[-1]

    def walk(node: ElementTree.Element, top: bool) -> None:
        children = list(node)
        fields: list[ExampleValue] = []
        for position, child in enumerate(children):
            key = child.tag if child.tag != "entry" else str(position)
            if list(child):
                fields.append(ExampleValue(key, CONTAINER, line_of(child)))
                continue
            # A line break inside an element's text is the page's layout: it reads as one space.
            value: Scalar = re.sub(r"\s*\n\s*", " ", (child.text or "").strip())
            if top and position == 0 and value in ("true", "false"):
                key, value = "success", value == "true"
            elif top and position == 1 and re.fullmatch("[0-9]+", str(value)):
                key, value = "code", int(str(value))
            fields.append(ExampleValue(key, value, line_of(child)))
        if fields:
            objects.append(tuple(fields))
        for child in children:
            if list(child):
                walk(child, False)

    walk(element, is_result)


# PHP print_r dumps ---------------------------------------------------------------------

_PHP_FIELD = re.compile(r"'(?P<key>[^']*)'\s*=(?:>|&gt;)\s*(?P<value>'[^']*'|[^\s,]+)")


def _read_php(text: str, first_line: int) -> tuple[ExampleObject, ...]:
    """Each ``Array (`` starts an object; each ``'key' => value`` line is a field."""
    objects: list[list[ExampleValue]] = []
    for offset, line in enumerate(text.split("\n")):
        if re.match(r"\s*Array\b", line):
            objects.append([])
        for match in _PHP_FIELD.finditer(line):
            if not objects:
                objects.append([])
            raw = match.group("value")
            value: Scalar = raw[1:-1] if raw.startswith("'") else _word_value(raw)
            objects[-1].append(ExampleValue(match.group("key"), value, first_line + offset))
    return tuple(tuple(fields) for fields in objects if fields)
