"""Stage 1: read the catalog's YAML files into plain data, remembering where each node stood.

Only safe YAML is accepted: no tag may construct a Python object, and a mapping
that repeats a key is an error (PyYAML would silently keep the last value).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from codegen.problems import Location, Problem

try:  # libyaml's parser is several times faster than the pure-Python one
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader

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


class _MarkingLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader that refuses duplicate keys and records node positions."""

    source_name = "<catalog>"

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[str, yaml.Node] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _YamlProblem(_problem_at(self.source_name, key_node, "a mapping key must be a plain scalar"))
            key = f"{key_node.tag}:{key_node.value}"
            if key in seen:
                first = seen[key].start_mark.line + 1
                raise _YamlProblem(
                    _problem_at(
                        self.source_name,
                        key_node,
                        f"duplicate key {key_node.value!r} (first given on line {first}); each key may appear once",
                    )
                )
            seen[key] = key_node
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
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
    loader = _MarkingLoader(text)
    loader.source_name = source
    try:
        node = loader.get_single_node()
        if node is None:
            raise LoadError(Problem(Location(source, 1, 1), "", "file is empty; it must hold a YAML mapping"))
        data = loader.construct_document(node)
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
