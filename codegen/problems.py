"""How the generator reports what is wrong with a catalog: where, which node, which rule."""

from __future__ import annotations

from typing import NamedTuple


class Location(NamedTuple):
    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class Problem(NamedTuple):
    """One broken rule: where it is, the path of the node, and the rule in plain words."""

    location: Location
    node_path: str
    message: str

    def __str__(self) -> str:
        where = f" {self.node_path}:" if self.node_path else ""
        return f"{self.location}:{where} {self.message}"


class CatalogInvalid(Exception):
    """The catalog breaks one or more rules; nothing was rendered or written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        count = len(self.problems)
        super().__init__(f"the catalog has {count} problem{'s' if count != 1 else ''}")


# A longer key is quoted short in a node path, as any text that would flood a message.
_LONGEST_PLAIN_KEY = 40


def format_node_path(parts: tuple[str | int, ...]) -> str:
    """``("entries", 3, "name")`` -> ``entries[3].name``; a key that is no plain name is quoted: ``['a b']``.

    A key over 40 characters is quoted too, by its start and its length only.
    """
    text = ""
    for part in parts:
        if isinstance(part, int) or not part.isidentifier() or len(part) > _LONGEST_PLAIN_KEY:
            text += f"[{quote_short(part, 40)}]"
        else:
            text += f".{part}" if text else part
    return text


def quote_short(value: object, limit: int = 100) -> str:
    """``value`` quoted (repr), or only its start and its length when it would flood a message."""
    if isinstance(value, str):
        return repr(value) if len(value) <= limit else f"{value[:limit]!r}... ({len(value)} characters)"
    shown = repr(value)
    return shown if len(shown) <= limit else f"{shown[:limit]}... ({len(shown)} characters)"
