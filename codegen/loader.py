"""Stage 1: read the catalog's YAML files into plain data, keeping the node tree for positions.

Only safe YAML is accepted: no tag may construct a Python object, and a mapping
that repeats a key is an error (PyYAML would silently keep the last value).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from codegen.problems import Location, Problem

try:  # libyaml's parser is several times faster than the pure-Python one
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 1_000_000
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


_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


class _DataBuilder:
    """Turns a composed YAML node tree into plain dicts, lists and scalars.

    Strings are taken as they are; every other scalar is built by PyYAML's safe
    constructor, which refuses any tag that would build a Python object. A key
    given twice, a collection with a special tag (``!!set``, ``!!omap``) and an
    alias that contains itself are errors. One walk does all this, at a third
    of the cost of PyYAML's general construction.
    """

    def __init__(self, loader: yaml.SafeLoader, source: str) -> None:
        self.loader = loader
        self.source = source
        self.open_nodes: set[int] = set()  # collections being built: an alias to one is a cycle

    def build(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return node.value if node.tag == _STR_TAG else self.loader.construct_object(node, deep=True)
        if id(node) in self.open_nodes:
            raise _YamlProblem(_problem_at(self.source, node, "an alias refers to a node that contains it"))
        self.open_nodes.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ_TAG:
                return [self.build(item) for item in node.value]
            if isinstance(node, yaml.MappingNode) and node.tag == _MAP_TAG:
                return self._mapping(node)
        finally:
            self.open_nodes.discard(id(node))
        raise _YamlProblem(
            _problem_at(
                self.source,
                node,
                f"tag {node.tag} is refused; only plain YAML data is allowed (no tags that build objects)",
            )
        )

    def _mapping(self, node: yaml.MappingNode) -> dict[Any, Any]:
        mapping: dict[Any, Any] = {}
        key_lines: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _YamlProblem(
                    _problem_at(self.source, key_node, "merge keys (<<) are not supported; write keys out")
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise _YamlProblem(_problem_at(self.source, key_node, "a mapping key must be a plain scalar"))
            key = self.build(key_node)
            if key in mapping:
                raise _YamlProblem(
                    _problem_at(
                        self.source,
                        key_node,
                        f"duplicate key {key_node.value!r} (first given on line {key_lines[key]}); each key may"
                        " appear once",
                    )
                )
            key_lines[key] = key_node.start_mark.line + 1
            mapping[key] = self.build(value_node)
        return mapping


def _problem_at(source: str, node: yaml.Node, message: str) -> Problem:
    mark = node.start_mark
    return Problem(Location(source, mark.line + 1, mark.column + 1), "", message)


def load_yaml(path: Path) -> LoadedFile:
    """Load one YAML file; raise LoadError with a located problem when it cannot be read."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoadError(
                Problem(
                    Location(source, 1, 1),
                    "",
                    f"file is {size} bytes; a catalog file may hold at most {MAX_FILE_BYTES}",
                )
            )
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise LoadError(Problem(Location(source, 1, 1), "", "file not found")) from None
    except UnicodeDecodeError as error:
        raise LoadError(Problem(Location(source, 1, 1), "", f"file is not valid UTF-8 ({error.reason})")) from None
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
        data = _DataBuilder(loader, source).build(node)
    except _YamlProblem as problem:
        raise LoadError(problem.problem) from None
    except yaml.MarkedYAMLError as error:
        raise LoadError(_from_yaml_error(error, source)) from None
    except yaml.YAMLError as error:
        raise LoadError(Problem(Location(source, 1, 1), "", f"not valid YAML: {error}")) from None
    finally:
        loader.dispose()
    return LoadedFile(source, data, node)


def _from_yaml_error(error: yaml.MarkedYAMLError, source: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = " ".join(part for part in (error.context, error.problem) if part)
    if isinstance(error, yaml.constructor.ConstructorError) and "tag" in (error.problem or ""):
        what = f"{what}; only plain YAML data is allowed (no tags that build objects)"
    return Problem(Location(source, line, column), "", f"not valid YAML: {what}")


class LoadError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem
