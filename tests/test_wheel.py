"""The real wheel: built from the repository, installed alone into a fresh venv, then used from outside the repository.

Issue 2's "done when": the installed wheel answers ``HlrError(2053)``,
``HlrError.EC_UNKNOWN_SUBSCRIBER.permanent``, ``SmsSendError(14).message_in("en")``
and ``lookup("sms_send", 14)``, with its gettext catalogs and JSON inside.
The wheel is built, installed and probed once for the module.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from email.message import Message
from email.parser import Parser
from pathlib import Path
from typing import Any

import pytest

from codegen.model import Catalog
from codegen.writer import MARKER
from smspartner_codes import TABLES
from tests.conftest import run_checked

# Building the wheel and installing it into a fresh venv takes seconds, more on a busy machine.
pytestmark = pytest.mark.timeout(300)

DISTRIBUTION = "smspartner-codes"
PACKAGE = "smspartner_codes"

# Run by the venv's interpreter in isolated mode (-I: no PYTHONPATH, no user site, no script directory
# surprises), from a directory outside the repository. Reads French texts (JSON) on stdin; prints JSON.
PROBE = """\
import gettext
import importlib.metadata
import importlib.resources
import importlib.util
import json
import sys
from pathlib import Path

import smspartner_codes
from smspartner_codes import CATALOG_VERSION, TABLES, HlrError, SmsSendError, lookup

package_dir = Path(smspartner_codes.__file__).parent
translation = gettext.translation("smspartner_codes", localedir=str(package_dir / "locale"), languages=["en"])
member_2053 = HlrError(2053)
found_14 = lookup("sms_send", 14)
packaged_catalog = json.loads(
    importlib.resources.files("smspartner_codes").joinpath("catalog.json").read_text(encoding="utf-8")
)
report = {
    "prefix": sys.prefix,
    "module_file": smspartner_codes.__file__,
    "codegen_importable": importlib.util.find_spec("codegen") is not None,
    "hlr_2053": [member_2053.name, member_2053.code, member_2053 is HlrError.EC_BLACKLISTED_SENDERADDRESS],
    "hlr_2053_alias_is_canonical": HlrError.EC_SOURCE_ADDRESS_BLACKLISTED is member_2053,
    "unknown_subscriber_permanent": HlrError.EC_UNKNOWN_SUBSCRIBER.permanent,
    "sms_send_14_en": SmsSendError(14).message_in("en"),
    "lookup_sms_send_14": [found_14 is SmsSendError.NUMBER_IN_STOP_LIST, getattr(found_14, "name", None)],
    "catalog_version": CATALOG_VERSION,
    "distribution_version": importlib.metadata.version("smspartner-codes"),
    "requires": importlib.metadata.requires("smspartner-codes"),
    "packaged_catalog_version": packaged_catalog["catalog_version"],
    "packaged_table_ids": [table["id"] for table in packaged_catalog["tables"]],
    "packaged_schema_id": json.loads(
        importlib.resources.files("smspartner_codes").joinpath("catalog.schema.json").read_text(encoding="utf-8")
    )["$id"],
    "packaged_table_files": sorted(
        path.name for path in importlib.resources.files("smspartner_codes").joinpath("tables").iterdir()
    ),
    "gettext_en": [translation.gettext(text) for text in json.load(sys.stdin)],
    "members": [
        [table_id, member.code, member.name, member.message, member.message_in("en")]
        for table_id, cls in TABLES.items()
        for member in cls
    ],
}
print(json.dumps(report))
"""


@dataclass(frozen=True)
class Wheel:
    path: Path
    names: list[str]


@dataclass(frozen=True)
class InstalledWheel:
    venv: Path
    report: dict[str, Any]


def _venv_python(venv: Path) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / ("python.exe" if os.name == "nt" else "python")


# Two module-scoped fixtures, so that the wheel is built once and installed once, and a wheel
# whose installed package fails the probe still has its file list checked.


@pytest.fixture(scope="module")
def wheel(root: Path, tmp_path_factory: pytest.TempPathFactory) -> Wheel:
    """The wheel built from the repository as it is (no network: hatchling comes from the project venv)."""
    dist = tmp_path_factory.mktemp("dist")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    run_checked(
        [*pip, "wheel", str(root), "--no-deps", "--no-build-isolation", "--no-index", "-w", str(dist)], cwd=dist
    )
    wheels = sorted(dist.glob("*.whl"))
    assert len(wheels) == 1, wheels
    with zipfile.ZipFile(wheels[0]) as archive:
        return Wheel(path=wheels[0], names=archive.namelist())


@pytest.fixture(scope="module")
def installed(wheel: Wheel, catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> InstalledWheel:
    """The wheel installed alone into a fresh venv, and what it answered there, run from outside the repository."""
    work = tmp_path_factory.mktemp("venv")
    venv = work / "venv"
    run_checked([sys.executable, "-m", "venv", str(venv)], cwd=work)
    python = str(_venv_python(venv))
    run_checked(
        [python, "-m", "pip", "install", "--disable-pip-version-check", "--no-index", "--no-deps", str(wheel.path)],
        cwd=work,
    )

    probe = work / "probe.py"
    probe.write_text(PROBE, encoding="utf-8")
    french_texts = json.dumps([use.text.fr for use in catalog.texts()])
    report = json.loads(run_checked([python, "-I", str(probe)], cwd=work, stdin=french_texts))
    return InstalledWheel(venv=venv, report=report)


# The wheel's contents -------------------------------------------------------------


def test_the_wheel_is_named_after_the_distribution_and_catalog_version(wheel: Wheel, catalog: Catalog) -> None:
    assert wheel.path.name == f"{PACKAGE}-{catalog.version}-py3-none-any.whl"


def test_the_wheel_holds_the_package_its_typing_marker_json_and_translations(wheel: Wheel) -> None:
    table_modules = {cls.__module__.replace(".", "/") + ".py" for cls in TABLES.values()}
    assert len(table_modules) == len(TABLES)
    required = {
        f"{PACKAGE}/__init__.py",
        f"{PACKAGE}/_errors.py",
        f"{PACKAGE}/_data/__init__.py",
        f"{PACKAGE}/_data/_registry.py",
        f"{PACKAGE}/_data/_hlr_error_group.py",
        f"{PACKAGE}/py.typed",
        f"{PACKAGE}/catalog.json",
        f"{PACKAGE}/catalog.schema.json",
        *(f"{PACKAGE}/tables/{table_id}.json" for table_id in TABLES),
        f"{PACKAGE}/locale/en/LC_MESSAGES/{PACKAGE}.mo",
        f"{PACKAGE}/locale/fr/LC_MESSAGES/{PACKAGE}.mo",
        *table_modules,
    }
    assert sorted(required - set(wheel.names)) == []


def test_the_wheel_holds_every_file_of_the_package_once(wheel: Wheel, root: Path) -> None:
    """The runtime and its data; the translations and JSON files, generated into _data/, where users find them."""
    package_dir = root / "src" / PACKAGE
    files = set()
    for path in package_dir.rglob("*"):
        relative = path.relative_to(package_dir.parent).as_posix()
        if not path.is_file() or "__pycache__" in path.parts or path.name == MARKER:
            continue  # the writer's marker proves a checkout's _data/ is generated; users need it not
        # The locale/, tables/, catalog.json and catalog.schema.json links resolve into _data/: the wheel
        # has them at the links' place.
        for linked in ("locale/", "tables/", "catalog.json", "catalog.schema.json"):
            relative = relative.replace(f"{PACKAGE}/_data/{linked}", f"{PACKAGE}/{linked}")
        files.add(relative)
    assert sorted(files) == sorted(name for name in wheel.names if name.startswith(f"{PACKAGE}/"))


def test_the_wheel_holds_nothing_but_the_package_and_its_metadata(wheel: Wheel, catalog: Catalog) -> None:
    allowed_tops = {PACKAGE, f"{PACKAGE}-{catalog.version}.dist-info"}
    stray = [
        name
        for name in wheel.names
        if name.split("/")[0] not in allowed_tops or "__pycache__" in name or name.endswith(".pyc")
    ]
    assert stray == []
    # Implied by the above; spelled out because these are the likely strays.
    assert [
        name for name in wheel.names if name.startswith(("codegen/", "tests/", "catalog/", "generated/", "src/"))
    ] == []


# Installed alone, used from outside the repository -------------------------------


def test_the_module_comes_from_the_venv_not_the_repository(installed: InstalledWheel, root: Path) -> None:
    module_file = Path(installed.report["module_file"]).resolve()
    assert module_file.is_relative_to(installed.venv.resolve())
    assert not module_file.is_relative_to(root.resolve())
    assert module_file.parent.parent.name == "site-packages"
    assert Path(installed.report["prefix"]).resolve() == installed.venv.resolve()
    assert installed.report["codegen_importable"] is False


def test_hlr_error_2053_is_the_canonical_member(installed: InstalledWheel) -> None:
    assert installed.report["hlr_2053"] == ["EC_BLACKLISTED_SENDERADDRESS", 2053, True]
    assert installed.report["hlr_2053_alias_is_canonical"] is True


def test_unknown_subscriber_is_permanent(installed: InstalledWheel) -> None:
    assert installed.report["unknown_subscriber_permanent"] is True


def test_sms_send_14_in_english(installed: InstalledWheel, catalog: Catalog) -> None:
    (sms_send,) = [table for table in catalog.tables if table.id == "sms_send"]
    (entry,) = [entry for entry in sms_send.entries if entry.code == 14]
    assert installed.report["sms_send_14_en"] == entry.message.en
    assert entry.message.en != entry.message.fr


def test_lookup_sms_send_14(installed: InstalledWheel) -> None:
    assert installed.report["lookup_sms_send_14"] == [True, "NUMBER_IN_STOP_LIST"]


def test_every_installed_member_has_its_catalog_texts(installed: InstalledWheel, catalog: Catalog) -> None:
    expected = [
        [table.id, entry.code, entry.name, entry.message.fr, entry.message.en]
        for table in catalog.tables
        for entry in table.canonical_entries
    ]
    assert installed.report["members"] == expected


def test_the_distribution_version_is_the_catalog_version(installed: InstalledWheel, catalog: Catalog) -> None:
    assert installed.report["distribution_version"] == installed.report["catalog_version"] == catalog.version


def test_the_distribution_has_no_dependencies(installed: InstalledWheel) -> None:
    assert installed.report["requires"] in (None, [])


def test_the_packaged_json_is_found_by_importlib_resources(installed: InstalledWheel, catalog: Catalog) -> None:
    assert installed.report["packaged_catalog_version"] == catalog.version
    assert installed.report["packaged_table_ids"] == [table.id for table in catalog.tables]
    # Beside catalog.json, its JSON Schema; in tables/, one file per table.
    assert installed.report["packaged_schema_id"] == "https://smspartner-codes.invalid/json/catalog.schema.json"
    assert installed.report["packaged_table_files"] == sorted(f"{table.id}.json" for table in catalog.tables)


def test_plain_gettext_translates_every_text_from_the_installed_package(
    installed: InstalledWheel, catalog: Catalog
) -> None:
    assert installed.report["gettext_en"] == [use.text.en for use in catalog.texts()]


# The console script -------------------------------------------------------------------


def _console_script(venv: Path) -> Path:
    return (
        venv
        / ("Scripts" if os.name == "nt" else "bin")
        / ("smspartner-codes.exe" if os.name == "nt" else "smspartner-codes")
    )


def test_the_wheel_declares_the_console_script(wheel: Wheel, catalog: Catalog) -> None:
    with zipfile.ZipFile(wheel.path) as archive:
        entry_points = archive.read(f"{PACKAGE}-{catalog.version}.dist-info/entry_points.txt").decode("utf-8")
    assert "[console_scripts]" in entry_points
    assert "smspartner-codes = smspartner_codes._cli:main" in entry_points


def test_the_installed_console_script_explains_a_code(installed: InstalledWheel) -> None:
    script = _console_script(installed.venv)
    assert script.is_file()
    env = {"PATH": os.defpath, "LANG": "C"}  # a bare environment: no PYTHONPATH reaches the repository
    found = subprocess.run(
        [str(script), "--json", "explain", "sms_send", "14"], capture_output=True, text=True, env=env, check=False
    )
    assert found.returncode == 0, found.stderr
    ((member,),) = [json.loads(found.stdout)]
    assert (member["table"], member["code"], member["name"]) == ("sms_send", 14, "NUMBER_IN_STOP_LIST")
    assert member["message"]["en"] == "The number is on the STOP SMS list"
    missing = subprocess.run(
        [str(script), "explain", "sms_send", "9"], capture_output=True, text=True, env=env, check=False
    )
    assert missing.returncode == 1
    assert "no code '9' in sms_send" in missing.stderr
    module = subprocess.run(
        [str(_venv_python(installed.venv)), "-I", "-m", PACKAGE, "--lang", "en", "explain", "DELIVRD"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert module.returncode == 0, module.stderr
    assert module.stdout.splitlines()[:3] == [
        "dlr_status DELIVRD: DELIVRD",
        "    The message was processed and delivered successfully.",
        "    final: yes, success: yes",
    ]


def test_a_wheel_built_in_the_checkout_is_ignored_by_git(wheel: Wheel, root: Path) -> None:
    """``pip wheel .`` leaves the wheel in the current directory: git must not offer to commit it."""
    if not (root / ".git").exists():
        pytest.skip("not a git checkout")
    ignored = subprocess.run(["git", "check-ignore", "--quiet", wheel.path.name], cwd=root, check=False)
    assert ignored.returncode == 0, f"{wheel.path.name} in the repository root is not covered by .gitignore"


# Licence and metadata -----------------------------------------------------------------

LICENSE_FILES = ("LICENSE", "NOTICE")
PYPI_DESCRIPTION = "README.pypi.md"


def _metadata(wheel: Wheel, catalog: Catalog) -> Message:
    with zipfile.ZipFile(wheel.path) as archive:
        text = archive.read(f"{PACKAGE}-{catalog.version}.dist-info/METADATA").decode("utf-8")
    return Parser().parsestr(text)


def test_the_wheel_carries_the_licence_and_the_notice(wheel: Wheel, catalog: Catalog, root: Path) -> None:
    with zipfile.ZipFile(wheel.path) as archive:
        for name in LICENSE_FILES:
            packed = archive.read(f"{PACKAGE}-{catalog.version}.dist-info/licenses/{name}")
            assert packed == (root / name).read_bytes(), name
    metadata = _metadata(wheel, catalog)
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == list(LICENSE_FILES)


def test_the_licence_names_its_holder_and_the_notice_sets_apart_smspartners_texts(root: Path) -> None:
    licence = (root / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License\n")
    assert re.search(r"^Copyright \(c\) \d{4} smspartner-codes contributors$", licence, re.MULTILINE)
    notice = " ".join((root / "NOTICE").read_text(encoding="utf-8").split())
    for words in ("French texts", "catalog/upstream/", "belong to SMSPartner", "for interoperability"):
        assert words in notice


def test_the_sdist_carries_the_licence_and_the_notice(root: Path, tmp_path: Path) -> None:
    # The PEP 517 hook a build front end calls (hatchling comes from the project venv: no network).
    hook = "import sys; from hatchling.build import build_sdist; print(build_sdist(sys.argv[1]))"
    name = run_checked([sys.executable, "-c", hook, str(tmp_path)], cwd=root).strip()
    with tarfile.open(tmp_path / name) as sdist:
        top = name.removesuffix(".tar.gz")
        for file_name in (*LICENSE_FILES, PYPI_DESCRIPTION):
            member = sdist.extractfile(f"{top}/{file_name}")
            assert member is not None, file_name
            assert member.read() == (root / file_name).read_bytes(), file_name


def test_the_metadata_says_who_what_and_for_whom(wheel: Wheel, catalog: Catalog) -> None:
    metadata = _metadata(wheel, catalog)
    assert metadata["Author"] == "smspartner-codes contributors"
    assert metadata["Maintainer"] == "smspartner-codes maintainers"
    assert {"smspartner", "sms", "hlr", "error codes"} <= set(metadata["Keywords"].split(","))
    classifiers = metadata.get_all("Classifier")
    for prefix in ("Development Status :: ", "Intended Audience :: ", "Topic :: ", "Natural Language :: "):
        assert any(classifier.startswith(prefix) for classifier in classifiers), prefix
    assert "Typing :: Typed" in classifiers


def _makefile_list(root: Path, variable: str) -> list[str]:
    """The words of a ``VARIABLE := ...`` of the Makefile (continued lines joined)."""
    text = (root / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    match = re.search(rf"^{variable} := (.*)$", text, re.MULTILINE)
    assert match, variable
    return match[1].split()


def test_the_python_versions_promised_are_those_tested(wheel: Wheel, catalog: Catalog, root: Path) -> None:
    """The classifiers name exactly the Makefile's PYTHON_VERSIONS: .venv's interpreter runs every test, and
    `make test-pythons` (which CI runs) the runtime's tests and this wheel test under each of the others."""
    metadata = _metadata(wheel, catalog)
    versions = [
        tuple(int(part) for part in classifier.rpartition(" :: ")[2].split("."))
        for classifier in metadata.get_all("Classifier")
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", classifier)
    ]
    tested = [tuple(int(part) for part in version.split(".")) for version in _makefile_list(root, "PYTHON_VERSIONS")]
    assert versions == tested == sorted(tested)
    assert metadata["Requires-Python"] == ">={}.{}".format(*min(versions))
    assert sys.version_info[:2] in versions
    runtime_tests = _makefile_list(root, "RUNTIME_TESTS")
    assert f"tests/{Path(__file__).name}" in runtime_tests
    assert all((root / path).is_file() for path in runtime_tests), runtime_tests
    assert "make test-pythons" in (root / ".ci" / "run").read_text(encoding="utf-8")


def test_test_pythons_names_an_interpreter_it_cannot_find(root: Path, tmp_path: Path) -> None:
    """`make test-pythons` fails naming a version it finds nowhere, and finds pyenv's interpreters off PATH."""
    tools = tmp_path / "bin"  # a PATH with the script's tools and no Python
    tools.mkdir()
    for tool in ("bash", "ls", "sort", "dirname"):
        found_tool = shutil.which(tool)
        assert found_tool, tool
        (tools / tool).symlink_to(found_tool)
    env = {"PATH": str(tools), "PYENV_ROOT": str(tmp_path), "HOME": str(tmp_path)}
    missing = subprocess.run(
        [str(root / ".ci" / "test-pythons"), "3.99", "3.98 3.99"], env=env, capture_output=True, text=True, check=False
    )
    assert missing.returncode != 0
    assert "error: no Python 3.98 found" in missing.stderr
    assert "PYTHON3_98=/path/to/python3.98" in missing.stderr
    assert "no interpreter for 3.98" in missing.stdout
    # An interpreter under pyenv's versions/ is found with no pyenv on PATH; one named by PYTHON3_N is checked.
    version = "{}.{}".format(*sys.version_info[:2])
    interpreter = tmp_path / "versions" / f"{version}.0" / "bin" / "python"
    interpreter.parent.mkdir(parents=True)
    interpreter.symlink_to(sys.executable)
    found = subprocess.run(
        [str(root / ".ci" / "test-pythons"), "--find", version], env=env, capture_output=True, text=True, check=False
    )
    assert (found.returncode, found.stdout.strip()) == (0, str(interpreter))
    other = "3.10" if version != "3.10" else "3.12"
    wrong = subprocess.run(
        [str(root / ".ci" / "test-pythons"), "--find", other],
        env={**env, "PYTHON" + other.replace(".", "_"): sys.executable},
        capture_output=True,
        text=True,
        check=False,
    )
    assert wrong.returncode != 0
    assert f"is not a Python {other} interpreter" in wrong.stderr


def test_the_pypi_description_is_its_own_file_not_the_contributors_guide(
    wheel: Wheel, catalog: Catalog, root: Path
) -> None:
    metadata = _metadata(wheel, catalog)
    assert metadata["Description-Content-Type"] == "text/markdown"
    description = metadata.get_payload()
    assert description.strip() == (root / PYPI_DESCRIPTION).read_text(encoding="utf-8").strip()
    assert "make generate" not in description
    assert "pip install smspartner-codes" in description


def _fenced_blocks(markdown: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", markdown, re.MULTILINE | re.DOTALL)


def test_the_pypi_description_examples_run_against_the_installed_wheel(installed: InstalledWheel, root: Path) -> None:
    """Each ``pycon`` block is a doctest, run by the fresh venv's interpreter; each ``console`` block is run too."""
    markdown = (root / PYPI_DESCRIPTION).read_text(encoding="utf-8")
    sessions = _fenced_blocks(markdown, "pycon")
    assert len(sessions) >= 3
    runner = (
        "import doctest, json, sys\n"
        "failed = 0\n"
        "for number, block in enumerate(json.load(sys.stdin)):\n"
        "    test = doctest.DocTestParser().get_doctest(block, {}, f'pycon block {number + 1}', None, 0)\n"
        "    failed += doctest.DocTestRunner().run(test).failed\n"
        "sys.exit(1 if failed else 0)\n"
    )
    python = str(_venv_python(installed.venv))
    run_checked([python, "-I", "-c", runner], cwd=installed.venv, stdin=json.dumps(sessions))

    commands = _fenced_blocks(markdown, "console")
    assert commands
    env = {"PATH": os.defpath, "LANG": "C"}
    for block in commands:
        prompt, *expected = block.splitlines()
        arguments = shlex.split(prompt.removeprefix("$ "))
        assert arguments[0] == "smspartner-codes"
        result = subprocess.run(
            [str(_console_script(installed.venv)), *arguments[1:]], capture_output=True, text=True, env=env, check=False
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines() == expected


# The addresses the package gives: SMSPartner's (its site, its API hosts) and the local server of `make docs-serve`.
# The project has no website of its own yet: no documentation or repository address may be made up.
KNOWN_HOSTS = ("www.smspartner.fr", "api.smspartner.fr", "api.voicepartner.fr", "api.mailpartner.fr", "127.0.0.1")


def test_the_metadata_and_the_description_link_to_no_invented_address(wheel: Wheel, catalog: Catalog) -> None:
    metadata = _metadata(wheel, catalog)
    assert metadata.get_all("Project-URL") is None
    assert metadata.get_all("Home-page") is None
    description = metadata.get_payload()
    assert isinstance(description, str)
    assert "make docs" in description  # where the documentation is, since no address has it
    for address in re.findall(r"https?://[^\s)>\]`'\"]+", description):
        host = address.split("/")[2].split(":")[0]
        assert host in KNOWN_HOSTS, f"{PYPI_DESCRIPTION} links to {address}"
