"""The gettext catalogs: loadable by the standard library, and carrying every text of the catalog.

The French upstream text is the msgid; ``en`` translates it, ``fr`` gives it back.
"""

from __future__ import annotations

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog as MessageCatalog
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from codegen.model import Catalog, Language, TextUse

DOMAIN = "smspartner_codes"


@pytest.fixture(scope="module")
def localedir(root: Path) -> Path:
    """The package's translations, where users find them (smspartner_codes/locale/, generated into _data/)."""
    return root / "src" / "smspartner_codes" / "locale"


def _read_po(path: Path) -> MessageCatalog:
    with path.open("rb") as stream:
        return read_po(stream)


def _po_path(root: Path, language: str) -> Path:
    """The .po file of ``language``, or the .pot template for ``"pot"``."""
    if language == "pot":
        return root / "generated" / "gettext" / f"{DOMAIN}.pot"
    return root / "generated" / "gettext" / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def _messages(po: MessageCatalog) -> dict[str, str]:
    """msgid -> msgstr of every message but the header."""
    pairs: dict[str, str] = {}
    for message in po:
        if message.id == "":
            continue
        assert isinstance(message.id, str), "no plural forms are expected"
        assert isinstance(message.string, str)
        pairs[message.id] = message.string
    return pairs


def _all_texts(catalog: Catalog) -> tuple[TextUse, ...]:
    """Every message id: the texts of record, then the variant wordings (each translated to its entry's English)."""
    return (*catalog.texts(), *catalog.variant_texts())


def _expected(catalog: Catalog, language: Language | None) -> dict[str, str]:
    return {use.text.fr: use.text.in_language(language) if language else "" for use in _all_texts(catalog)}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_mo_files_exist_where_gettext_looks(localedir: Path, language: str) -> None:
    assert gettext.find(DOMAIN, localedir=str(localedir), languages=[language]) == str(
        localedir / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    )


def test_stdlib_gettext_translates_every_french_text_into_english(localedir: Path, catalog: Catalog) -> None:
    translation = gettext.translation(DOMAIN, localedir=str(localedir), languages=["en"])
    wrong = [
        (use.table_id, use.what, translation.gettext(use.text.fr), use.text.en)
        for use in _all_texts(catalog)
        if translation.gettext(use.text.fr) != use.text.en
    ]
    assert wrong == []


def test_stdlib_gettext_gives_back_the_french(localedir: Path, catalog: Catalog) -> None:
    translation = gettext.translation(DOMAIN, localedir=str(localedir), languages=["fr"])
    wrong = [
        (use.table_id, use.what, translation.gettext(use.text.fr))
        for use in _all_texts(catalog)
        if translation.gettext(use.text.fr) != use.text.fr
    ]
    assert wrong == []


@pytest.mark.parametrize("language", ["en", "fr"])
def test_mo_files_hold_exactly_the_catalog(localedir: Path, catalog: Catalog, language: Language) -> None:
    path = localedir / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with path.open("rb") as stream:
        assert _messages(read_mo(stream)) == _expected(catalog, language)
    with path.open("rb") as stream:
        info = gettext.GNUTranslations(stream).info()
    assert info["project-id-version"] == f"smspartner-codes {catalog.version}"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_po_pairs_read_back_with_babel(root: Path, catalog: Catalog, language: Language) -> None:
    po = _read_po(_po_path(root, language))
    assert str(po.locale) == language
    assert _messages(po) == _expected(catalog, language)


def test_pot_has_every_french_text_with_empty_msgstr(root: Path, catalog: Catalog) -> None:
    pot = _read_po(_po_path(root, "pot"))
    assert pot.locale is None
    assert _messages(pot) == _expected(catalog, None)


@pytest.mark.parametrize("name", ["en", "fr", "pot"])
def test_one_msgid_per_distinct_french_text(root: Path, catalog: Catalog, name: str) -> None:
    ids = [message.id for message in _read_po(_po_path(root, name)) if message.id != ""]
    assert len(ids) == len(set(ids))
    assert len(ids) == len({use.text.fr for use in _all_texts(catalog)})


@pytest.mark.parametrize("name", ["en", "fr", "pot"])
def test_nothing_is_fuzzy_and_the_header_names_the_version(root: Path, catalog: Catalog, name: str) -> None:
    path = _po_path(root, name)
    po = _read_po(path)
    assert not po.fuzzy
    assert [message.id for message in po if message.fuzzy] == []
    assert "#, fuzzy" not in path.read_text(encoding="utf-8")
    headers = dict(po.mime_headers)
    assert headers["Project-Id-Version"] == f"smspartner-codes {catalog.version}"
    assert po.version == catalog.version


@pytest.mark.parametrize("name", ["en", "fr", "pot"])
def test_each_message_tells_the_translator_where_its_text_is_used(root: Path, catalog: Catalog, name: str) -> None:
    """The ``#.`` comments: every table, group or entry that uses the French text, in catalog order."""
    uses: dict[str, list[str]] = {}
    for use in _all_texts(catalog):
        uses.setdefault(use.text.fr, []).append(f"{use.table_id}: {use.what}")
    comments = {message.id: message.auto_comments for message in _read_po(_po_path(root, name)) if message.id}
    # Babel wraps a comment longer than 76 characters onto several lines, each read back as a comment.
    assert {text: " ".join(lines) for text, lines in comments.items()} == {
        text: " ".join(lines) for text, lines in uses.items()
    }
    assert comments["Le numéro est dans la liste des STOP SMS"] == [
        "sms_send: NUMBER_IN_STOP_LIST (14)",
        "number_verification: NUMBER_IN_STOP_LIST (14)",
    ]
    text = _po_path(root, name).read_text(encoding="utf-8")
    assert "#. sms_send: NUMBER_IN_STOP_LIST (14)\n#. number_verification: NUMBER_IN_STOP_LIST (14)\n" in text


@pytest.mark.parametrize("language", ["fr", "en"])
def test_gnu_msgfmt_accepts_the_po_file_and_its_mo_reads_the_same(
    root: Path, localedir: Path, catalog: Catalog, language: Language, tmp_path: Path
) -> None:
    """A second, independent implementation: GNU gettext's own compiler checks the .po file."""
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt is needed (Debian package gettext)"
    mo_file = tmp_path / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    mo_file.parent.mkdir(parents=True)
    result = subprocess.run(
        [msgfmt, "--check", "-o", str(mo_file), str(_po_path(root, language))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and not result.stderr, result.stderr
    by_gnu = gettext.translation(DOMAIN, localedir=str(tmp_path), languages=[language])
    by_babel = gettext.translation(DOMAIN, localedir=str(localedir), languages=[language])
    for use in _all_texts(catalog):
        assert by_gnu.gettext(use.text.fr) == by_babel.gettext(use.text.fr) == use.text.in_language(language)


def _header_fields(path: Path) -> list[tuple[str, str]]:
    """The (name, value) fields of a .po or .pot file's header entry, in the file's order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index('msgid ""') + 2  # the header's msgstr "" opens the line after
    fields = []
    for line in lines[start:]:
        if not line.startswith('"'):
            break
        name, _, value = line.strip('"').removesuffix("\\n").partition(": ")
        fields.append((name, value))
    return fields


def test_the_template_has_an_empty_language_header_where_the_po_files_name_theirs(root: Path) -> None:
    """The .pot carries ``Language:`` empty, as GNU xgettext writes templates; each .po names its language."""
    template = _header_fields(_po_path(root, "pot"))
    assert ("Language", "") in template
    for language in ("en", "fr"):
        po = _header_fields(_po_path(root, language))
        assert ("Language", language) in po
        # Same fields in the same order, but for the language and the plural rule a template leaves out.
        assert [name for name, _ in po if name != "Plural-Forms"] == [name for name, _ in template]


def test_gnu_msginit_starts_a_new_translation_from_the_template(root: Path, tmp_path: Path) -> None:
    """A translator's first step: msginit fills in the template's Language field, in its place."""
    msginit = shutil.which("msginit")
    assert msginit, "GNU gettext's msginit is needed (Debian package gettext)"
    german = tmp_path / "de.po"
    result = subprocess.run(
        [msginit, "--no-translator", "--locale=de", "-i", str(_po_path(root, "pot")), "-o", str(german)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    names = [name for name, _ in _header_fields(german)]
    assert ("Language", "de") in _header_fields(german)
    assert names.index("Language") == names.index("Last-Translator") + 1
    assert _read_po(german).locale is not None
