"""``Alias``: a second name of a code, with its own texts."""

from smspartner_codes._translations import translate

TYPE_CHECKING = False
if TYPE_CHECKING:
    from smspartner_codes import IntCodeEnum, StrCodeEnum, WordingLanguage
    from smspartner_codes._variant import Variant


class Alias:
    """A second name of a code; the enum resolves it to ``canonical``.

    Three kinds, all with texts of their own, which ``canonical.message`` does not show:
    a second name SMSPartner's error page gives a code (``HlrError`` 2053); a second meaning an
    endpoint's pages give a code (``SmsContactAddControl`` 10, "La Clé API est requise",
    beside "Clé API incorrecte"), which ``smspartner_codes.resolve`` picks by the server's text;
    and a former name of this package, kept so that old code runs (``renamed`` is True:
    SMSPartner does not print it, as ``MailError.API_KEY_MISSING``).
    """

    __slots__ = ("_variants", "canonical", "message", "message_language", "name", "renamed")

    def __init__(
        self,
        name: str,
        canonical: "IntCodeEnum | StrCodeEnum",
        message: str,
        *,
        message_language: "WordingLanguage" = "fr",
        variants: "tuple[tuple[str, str], ...]" = (),
        renamed: bool = False,
    ) -> None:
        self.name = name
        self.canonical = canonical
        #: SMSPartner's text of record for this meaning of the code (see ``message_language``).
        self.message = message
        #: The language of ``message``: "fr", "en" (SMSPartner's English only), or None (ours).
        self.message_language = message_language
        #: Whether this is a former name of this package rather than one SMSPartner gives.
        self.renamed = renamed
        self._variants = variants

    @property
    def code(self) -> int | str:
        return self.canonical.code

    @property
    def table(self) -> str:
        return self.canonical.table

    @property
    def variants(self) -> "tuple[Variant, ...]":
        """The other wordings SMSPartner's pages give for this meaning, each with its language."""
        from smspartner_codes._variant import variants

        return variants(self._variants)

    def message_in(self, lang: "str | None") -> str:
        """The alias's text in ``lang`` (``"fr"``, ``"en"``...; None is French, the default);
        ``message`` where there is none in ``lang``."""
        return translate(self.message, lang)

    def __reduce__(self) -> "tuple[object, tuple[object, ...], tuple[None, dict[str, object]]]":
        # Slots as state: pickle sets them back, with any protocol.
        state: dict[str, object] = {
            "message_language": self.message_language,
            "_variants": self._variants,
            "renamed": self.renamed,
        }
        return Alias, (self.name, self.canonical, self.message), (None, state)

    def __repr__(self) -> str:
        former = ", a former name" if self.renamed else ""
        return f"<Alias {self.name} of {self.canonical!r}{former}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Alias):
            return NotImplemented
        return (self.name, self.canonical, self.message) == (other.name, other.canonical, other.message)

    def __hash__(self) -> int:
        return hash((self.name, self.canonical))
