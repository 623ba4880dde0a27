"""``Variant``: another wording SMSPartner's pages give for a code, verbatim, with its language.

A plain tuple ``(text, lang)`` with names, as ``os.stat_result`` or ``urllib.parse.SplitResult``
are: written by hand, since building a ``typing.NamedTuple`` would import ``typing`` (as much
time as the whole package), and loaded only when a code with variants is asked for them.
"""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable


class Variant(tuple[str, str]):
    """A wording of a code other than its text of record: ``text``, verbatim (typos and odd spaces
    kept), and ``lang``, its language (``"fr"``, ``"en"``, ``"es"``, ``"it"``, ``"pt"``).

    It unpacks and compares as the tuple ``(text, lang)``.
    """

    __slots__ = ()

    def __new__(cls, text: str, lang: str) -> "Variant":
        return tuple.__new__(cls, (text, lang))

    @property
    def text(self) -> str:
        """The wording, as SMSPartner's page prints it."""
        return self[0]

    @property
    def lang(self) -> str:
        """Its language: ``"fr"``, ``"en"``..."""
        return self[1]

    def __getnewargs__(self) -> tuple[str, str]:
        return (self[0], self[1])

    def __repr__(self) -> str:
        return f"Variant(text={self[0]!r}, lang={self[1]!r})"


def variants(records: "Iterable[tuple[str, str]]") -> tuple[Variant, ...]:
    """The variants of a record of the package data, where each is a plain ``(text, lang)``."""
    return tuple(Variant(text, lang) for text, lang in records)
