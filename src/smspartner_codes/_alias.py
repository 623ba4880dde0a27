"""``Alias``: a second name the upstream page gives to a code, with its own text."""

from smspartner_codes._translations import translate

TYPE_CHECKING = False
if TYPE_CHECKING:
    from smspartner_codes import IntCodeEnum, StrCodeEnum


class Alias:
    """A second name the upstream page gives to a code; the enum resolves it to ``canonical``.

    The alias keeps its own upstream text, which ``canonical.message`` does not show.
    """

    __slots__ = ("canonical", "message", "name")

    def __init__(self, name: str, canonical: "IntCodeEnum | StrCodeEnum", message: str) -> None:
        self.name = name
        self.canonical = canonical
        self.message = message

    @property
    def code(self) -> int | str:
        return self.canonical.code

    @property
    def table(self) -> str:
        return self.canonical.table

    def message_in(self, lang: "str | None") -> str:
        """The alias's text in ``lang`` (``"fr"``, ``"en"``...), falling back to French (as for None)."""
        return translate(self.message, lang)

    def __repr__(self) -> str:
        return f"<Alias {self.name} of {self.canonical!r}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Alias):
            return NotImplemented
        return (self.name, self.canonical, self.message) == (other.name, other.canonical, other.message)

    def __hash__(self) -> int:
        return hash((self.name, self.canonical))
