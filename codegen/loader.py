"""Stage 1: read the catalog's YAML files into plain data, keeping the node tree for positions.

Only plain YAML data is accepted: text, numbers, true/false, dates, lists and
mappings. Any other tag (``!!python/...``, ``!!binary``, ``!!set``...) is refused,
and so are a mapping that repeats a key (PyYAML would silently keep the last
value), merge keys, alias cycles, alias bombs, values nested too deep, oversized
files, and anything but a regular file (a symbolic link, a FIFO, a device).
Whatever a file holds, the result is data or a LoadError with its file, line and column.
"""

from __future__ import annotations

import datetime
import errno
import os
import stat
from pathlib import Path
from typing import Any

import yaml

from codegen.problems import Location, Problem, format_node_path, quote_short

try:  # libyaml's parser is several times faster than the pure-Python one
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 1_000_000
# Values one document may hold once its aliases are expanded. The largest real
# table holds about a thousand; the limit stops an alias bomb ("billion laughs"),
# where a few lines of aliases repeat each other into billions of values.
MAX_VALUES = 100_000
# Characters of text once aliases are expanded: a few aliases of a long text
# would otherwise pass as few values and make every rendered file huge.
MAX_CHARACTERS = 2 * MAX_FILE_BYTES
# How deep values may nest; a table needs 4 (entries[0].message.fr). The builder
# recurses once per level, so this also keeps it far from Python's recursion limit.
MAX_DEPTH = 32
INDEX_FILE = "catalog.yaml"
TABLES_DIR = "tables"

# A path into a loaded document: mapping keys and sequence indexes.
NodePath = tuple[str | int, ...]


class LoadedFile:
    """One YAML document, and its node tree to tell where any part of it stands."""

    __slots__ = ("data", "root", "source")

    def __init__(self, source: str, data: Any, root: yaml.Node) -> None:
        self.source = source
        self.data = data
        self.root = root

    def where(self, node_path: NodePath) -> Location:
        """The position of ``node_path``, or of its nearest ancestor found in the file.

        Found by walking the node tree on demand: positions are needed only for
        problems, so a valid catalog never pays for them.
        """
        node = self.root
        for part in node_path:
            child = _child(node, part)
            if child is None:
                break
            node = child
        mark = node.start_mark
        return Location(self.source, mark.line + 1, mark.column + 1)

    def where_key(self, node_path: NodePath) -> Location:
        """The position of the key that ends ``node_path`` (for a problem with the key itself)."""
        parent = self.root
        for part in node_path[:-1]:
            child = _child(parent, part)
            if child is None:
                return self.where(node_path)
            parent = child
        if isinstance(parent, yaml.MappingNode):
            for key, _ in parent.value:
                if key.value == node_path[-1]:
                    return Location(self.source, key.start_mark.line + 1, key.start_mark.column + 1)
        return self.where(node_path)


def _child(node: yaml.Node, part: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        return next((value for key, value in node.value if key.value == part), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        child: yaml.Node = node.value[part]
        return child
    return None


class _YamlProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


_YAML_TAG_PREFIX = "tag:yaml.org,2002:"
_STR_TAG = _YAML_TAG_PREFIX + "str"
_MAP_TAG = _YAML_TAG_PREFIX + "map"
_SEQ_TAG = _YAML_TAG_PREFIX + "seq"
# Plain scalars YAML 1.1 reads as these types; the schema then says when a type is wrong.
_PLAIN_SCALAR_TAGS = {
    _YAML_TAG_PREFIX + tag: kind
    for tag, kind in (
        ("int", "integer"),
        ("float", "number"),
        ("bool", "true/false value"),
        ("null", "null"),
        ("timestamp", "date"),
    )
}
# A bare "=" or "<<" as a value: YAML 1.1 gives them tags no safe loader builds; they are text here.
_TEXT_SCALAR_TAGS = frozenset(_YAML_TAG_PREFIX + name for name in ("value", "merge"))


class _DataBuilder:
    """Turns a composed YAML node tree into plain dicts, lists and scalars.

    Strings are taken as they are; numbers, booleans, nulls and dates are built
    by PyYAML's safe constructor. Any other tag (``!!python/...``, ``!!binary``,
    ``!!set``, ``!!omap``, a local ``!tag``) is an error, and so are a key given
    twice, a key that is not text, an alias that contains itself and a document
    that aliases expand beyond MAX_VALUES. One walk does all this, at a third
    of the cost of PyYAML's general construction.
    """

    def __init__(self, loader: yaml.SafeLoader, source: str, root: yaml.Node) -> None:
        self.loader = loader
        self.source = source
        self.root = root
        self.open_nodes: set[int] = set()  # collections being built: an alias to one is a cycle
        self.values = 0
        self.characters = 0
        self.path: list[str | int] = []  # where the walk is, for problems

    def fail(self, node: yaml.Node, message: str, *, key: str | None = None) -> _YamlProblem:
        """A problem at ``node``, under the path walked so far (and ``key`` when it is about that key)."""
        mark = node.start_mark
        node_path = (*self.path, key) if key is not None else tuple(self.path)
        return _YamlProblem(
            Problem(Location(self.source, mark.line + 1, mark.column + 1), format_node_path(node_path), message)
        )

    def build(self, node: yaml.Node) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            raise self._too_much(node, f"more than {MAX_VALUES} values")
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if len(self.path) >= MAX_DEPTH:
            raise self.fail(
                node,
                f"values are nested more than {MAX_DEPTH} levels deep; a catalog file needs 4 (entries[0].message.fr)",
            )
        if id(node) in self.open_nodes:
            raise self.fail(node, "an alias refers to a node that contains it")
        self.open_nodes.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ_TAG:
                return [
                    text if (text := self._text(item)) is not None else self._child(index, item)
                    for index, item in enumerate(node.value)
                ]
            if isinstance(node, yaml.MappingNode) and node.tag == _MAP_TAG:
                return self._mapping(node)
        finally:
            self.open_nodes.discard(id(node))
        raise self.fail(node, _refused_tag(node))

    def _too_much(self, node: yaml.Node, amount: str) -> _YamlProblem:
        """The document is too large; the words depend on whether aliases made it so."""
        if _has_aliases(self.root):
            return self.fail(
                node, f"the document holds {amount} once its aliases (*name) are expanded; write the data out instead"
            )
        return self.fail(node, f"the document holds {amount}, far more than any table needs; split or shorten it")

    def _child(self, part: str | int, node: yaml.Node) -> Any:
        self.path.append(part)
        value = self.build(node)
        self.path.pop()
        return value

    def _text(self, node: yaml.Node) -> str | None:
        """A text scalar's value, counted, when it breaks no limit; else None, and build() takes it.

        Most values are texts: taking them here, in one call, makes the walk a third faster.
        """
        if node.__class__ is not yaml.ScalarNode or node.tag != _STR_TAG:
            return None
        text: str = node.value
        if self.values >= MAX_VALUES or self.characters + len(text) > MAX_CHARACTERS:
            return None  # build() reports the limit, in its words
        self.values += 1
        self.characters += len(text)
        return text

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        self.characters += len(node.value)
        if self.characters > MAX_CHARACTERS:
            raise self._too_much(node, f"more than {MAX_CHARACTERS} characters of text")
        if node.tag == _STR_TAG or node.tag in _TEXT_SCALAR_TAGS:
            return node.value
        kind = _PLAIN_SCALAR_TAGS.get(node.tag)
        if kind:
            try:
                return self.loader.construct_object(node, deep=True)
            except Exception:  # PyYAML's constructors fail in many ways: 2024-13-45, !!bool maybe, !!timestamp x
                raise self.fail(
                    node, f"{quote_short(node.value)} is not a valid {kind}; quote it if it is text"
                ) from None
        raise self.fail(node, _refused_tag(node))

    def _mapping(self, node: yaml.MappingNode) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        key_nodes: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = self._text(key_node)
            if key is None:
                key = self._key(key_node)
            if key in mapping:
                raise self.fail(
                    key_node,
                    f"duplicate key {quote_short(key)} (first given on line {key_nodes[key].start_mark.line + 1});"
                    " each key may appear once",
                    key=key,
                )
            key_nodes[key] = key_node
            value = self._text(value_node)
            mapping[key] = value if value is not None else self._child(key, value_node)
        return mapping

    def _key(self, key_node: yaml.Node) -> str:
        """A mapping key that is not plain text: built, if it is a scalar that is text after all."""
        if key_node.tag == _YAML_TAG_PREFIX + "merge":
            raise self.fail(key_node, "merge keys (<<) are not supported; write keys out")
        if not isinstance(key_node, yaml.ScalarNode):
            raise self.fail(key_node, "a mapping key must be a plain scalar")
        key = self.build(key_node)
        if not isinstance(key, str):
            raise self.fail(
                key_node,
                f"key {quote_short(key_node.value)} is read as {describe_type(key)}, not text;"
                " keys are names such as code or message",
            )
        return key


def _has_aliases(root: yaml.Node) -> bool:
    """Whether a node tree reaches some node twice (what an alias does); each node is visited once."""
    seen: set[int] = set()
    pending = [root]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            pending.extend(part for pair in node.value for part in pair)
    return False


# What YAML makes of a value, in words; bool comes before int, its base class.
_TYPE_WORDS: tuple[tuple[type, str], ...] = (
    (type(None), "null (no value)"),
    (bool, "true/false"),
    (int, "an integer"),
    (float, "a decimal number"),
    (datetime.date, "a date"),
    (dict, "a mapping"),
    (list, "a list"),
    (str, "text"),
)


def describe_type(value: object) -> str:
    """What YAML made of a value, in words: a bare ``yes`` is read as "true/false"."""
    return next((words for kind, words in _TYPE_WORDS if isinstance(value, kind)), type(value).__name__)


def _refused_tag(node: yaml.Node) -> str:
    tag = str(node.tag)
    shown = "!!" + tag.removeprefix(_YAML_TAG_PREFIX) if tag.startswith(_YAML_TAG_PREFIX) else tag
    return f"tag {shown} is refused; only plain YAML data is allowed (text, numbers, true/false, lists, mappings)"


class FileRefused(Exception):
    """A file that is not read at all: not a regular file, a link where none may be, or too large."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path} {reason}")
        self.path = path
        self.reason = reason  # what the file is, as a predicate: "is a FIFO (named pipe), not a regular file"


_FILE_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_regular_file(path: Path, limit: int, *, follow_link: bool = True) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them; raise FileRefused or OSError.

    The size is what the stream gives, never what ``stat`` says: a FIFO or a device
    reports 0 and may never end. Those are refused before a byte is read, and opening
    one never waits (O_NONBLOCK: a FIFO without a writer would block ``open`` forever).
    With ``follow_link=False`` a symbolic link is refused too.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow_link else os.O_NOFOLLOW)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP and not follow_link and path.is_symlink():
            raise FileRefused(path, "is a symbolic link, not a regular file") from None
        raise
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            kind = next((words for test, words in _FILE_KINDS if test(mode)), "a special file")
            raise FileRefused(path, f"is {kind}, not a regular file")
        chunks: list[bytes] = []
        size = 0
        while size <= limit and (chunk := os.read(descriptor, min(limit + 1 - size, 1 << 20))):
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(descriptor)
    if size > limit:
        raise FileRefused(path, f"holds more than {limit} bytes")
    return b"".join(chunks)


def load_yaml(path: Path) -> LoadedFile:
    """Load one YAML file; raise LoadError with a located problem when it cannot be read."""
    source = str(path)
    try:
        content = read_regular_file(path, MAX_FILE_BYTES, follow_link=False)
        text = content.decode("utf-8")
    except FileRefused as refused:
        rule = (
            ", the limit for a catalog file"
            if refused.reason.startswith("holds")
            else "; a catalog holds regular files only (a link could make the generator read and quote any file)"
        )
        raise LoadError(Problem(Location(source, 1, 1), "", f"file {refused.reason}{rule}")) from None
    except FileNotFoundError:
        raise LoadError(Problem(Location(source, 1, 1), "", "file not found")) from None
    except UnicodeDecodeError as error:
        before = content[: error.start]
        line, column = before.count(b"\n") + 1, len(before) - before.rfind(b"\n")  # column in bytes
        raise LoadError(
            Problem(
                Location(source, line, column),
                "",
                f"file is not valid UTF-8 ({error.reason}); save it as UTF-8",
            )
        ) from None
    except OSError as error:
        raise LoadError(Problem(Location(source, 1, 1), "", f"cannot read file: {error.strerror}")) from None
    return parse_yaml(text, source)


def parse_yaml(text: str, source: str) -> LoadedFile:
    """Parse one YAML document; ``source`` names it in problems."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise LoadError(Problem(Location(source, 1, 1), "", "file is empty; it must hold a YAML mapping"))
        data = _DataBuilder(loader, source, node).build(node)
    except _YamlProblem as problem:
        raise LoadError(problem.problem) from None
    except yaml.MarkedYAMLError as error:
        raise LoadError(_from_yaml_error(error, source)) from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow in a file
        before = text[: error.position]
        line, column = before.count("\n") + 1, error.position - before.rfind("\n")
        raise LoadError(
            Problem(
                Location(source, line, column),
                "",
                f"not valid YAML: character U+{error.character:04X} may not appear in a YAML file ({error.reason})",
            )
        ) from None
    except yaml.YAMLError as error:
        raise LoadError(Problem(Location(source, 1, 1), "", f"not valid YAML: {error}")) from None
    except RecursionError:  # PyYAML's pure-Python composer, where libyaml is missing, recurses per level
        raise LoadError(
            Problem(Location(source, 1, 1), "", f"values are nested more than {MAX_DEPTH} levels deep")
        ) from None
    finally:
        loader.dispose()
    return LoadedFile(source, data, node)


def _from_yaml_error(error: yaml.MarkedYAMLError, source: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = " ".join(part for part in (error.context, error.problem) if part)
    return Problem(Location(source, line, column), "", f"not valid YAML: {what}")


class LoadError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def load_mapping(
    path: Path,
    problems: list[Problem],
    referrer: LoadedFile | None = None,
    referrer_path: NodePath = (),
) -> LoadedFile | None:
    """The file's mapping, or None with its problem added: a table file is reported missing where it is listed."""
    try:
        loaded = load_yaml(path)
    except LoadError as error:
        problem = error.problem
        if problem.message == "file not found" and referrer is not None:
            problem = Problem(
                referrer.where(referrer_path),
                format_node_path(referrer_path),
                f"table file {TABLES_DIR}/{path.name} not found",
            )
        problems.append(problem)
        return None
    if not isinstance(loaded.data, dict):
        problems.append(
            Problem(
                loaded.where(()),
                "",
                f"the file must hold a YAML mapping (key: value lines), not {describe_type(loaded.data)}",
            )
        )
        return None
    return loaded
