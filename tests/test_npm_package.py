"""The real npm package: packed with ``npm pack``, installed into a scratch project, compiled against a
consumer by ``tsc --strict`` and run by node's own test runner; and the Python and TypeScript sides
agreeing on every entry, spelling, URL, reading and normal form.

The tools are npm/'s pinned devDependencies (``npm ci`` from npm/package-lock.json: ``make npm-tools``,
which ``make test`` runs first); the scratch project installs the tarball offline, and takes Node's
types from npm/node_modules: nothing else is downloaded.
"""

from __future__ import annotations

import json
import re
import tarfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from codegen.model import Catalog
from smspartner_codes import (
    API_ERRORS,
    CATALOG_VERSION,
    ENDPOINTS,
    TABLE_IDS,
    TABLES,
    endpoint,
    iter_errors,
    lookup,
    resolve,
)
from smspartner_codes._wording import best_match, normalise
from smspartner_codes._xml import looks_like_xml
from tests.conftest import ROOT, run_checked
from tests.test_documented_answers import _outcome as case_outcome

# Packing builds the package (tsc), and the scratch project compiles the consumer: seconds each.
pytestmark = pytest.mark.timeout(600)

NPM_DIR = ROOT / "npm"
TSC = NPM_DIR / "node_modules" / ".bin" / "tsc"
LANGUAGES = ("fr", "en", "en-GB", "en_GB.UTF-8", "EN", "de", "", "x", "fr_CA")


@pytest.fixture(scope="module")
def tools() -> Path:
    if not TSC.exists():
        pytest.fail(
            "npm/node_modules lacks the pinned tools: run `make npm-tools` (npm ci in npm/), as `make test` does"
        )
    return TSC


@pytest.fixture(scope="module")
def tarball(tools: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``npm pack``: its prepack script builds dist/ from src/ afresh."""
    destination = tmp_path_factory.mktemp("pack")
    run_checked(["npm", "pack", "--silent", "--pack-destination", destination], cwd=NPM_DIR)
    (packed,) = destination.glob("*.tgz")
    return packed


@pytest.fixture(scope="module")
def scratch(tarball: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new TypeScript project, the tarball installed (offline: it has no dependencies), the consumer compiled."""
    project = tmp_path_factory.mktemp("consumer")
    (project / "package.json").write_text('{"name": "consumer", "private": true, "type": "module"}\n', encoding="utf-8")
    run_checked(["npm", "install", "--offline", "--no-audit", "--no-fund", "--silent", tarball], cwd=project)
    (project / "consumer.test.ts").write_bytes((NPM_DIR / "consumer" / "consumer.test.ts").read_bytes())
    settings = {
        "extends": str(NPM_DIR / "consumer" / "tsconfig.json"),
        "compilerOptions": {"typeRoots": [str(NPM_DIR / "node_modules" / "@types")], "outDir": "dist"},
        "include": ["consumer.test.ts"],
    }
    (project / "tsconfig.json").write_text(json.dumps(settings), encoding="utf-8")
    run_checked([TSC, "-p", "."], cwd=project)  # strict, and every @ts-expect-error must be needed
    return project


def test_the_tarball_holds_the_built_package_and_nothing_else(tarball: Path) -> None:
    with tarfile.open(tarball) as archive:
        names = sorted(name.removeprefix("package/") for name in archive.getnames())
        manifest = json.load(archive.extractfile("package/package.json"))  # type: ignore[arg-type]
    assert {"package.json", "README.md", "LICENSE", "NOTICE", "dist/index.js", "dist/index.d.ts"} <= set(names)
    assert all(name in ("package.json", "README.md", "LICENSE", "NOTICE") or name.startswith("dist/") for name in names)
    assert all(name.endswith((".js", ".d.ts")) for name in names if name.startswith("dist/")), names
    assert "dist/_data/catalog.js" in names and not any("codegen-output" in name or "test" in name for name in names)
    assert manifest["version"] == CATALOG_VERSION
    assert manifest["type"] == "module" and "dependencies" not in manifest


def test_the_package_version_is_the_catalogs() -> None:
    manifest = json.loads((NPM_DIR / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((NPM_DIR / "package-lock.json").read_text(encoding="utf-8"))
    assert manifest["version"] == lock["version"] == lock["packages"][""]["version"] == CATALOG_VERSION, (
        "set the version of npm/package.json and npm/package-lock.json to the catalog's (catalog/catalog.yaml)"
    )


def test_the_consumer_compiles_strictly_and_passes_under_nodes_test_runner(scratch: Path) -> None:
    output = run_checked(["node", "--test", "dist/"], cwd=scratch)
    assert "# fail 0" in output and "# pass 6" in output, output


def test_the_packages_own_tests_pass(tools: Path) -> None:
    """npm/test/: the matching rule runs every case of tests/wording_matching.json, and decodeResponse every
    case of tests/decoding_cases.json (one test each), beside tests of their own."""
    run_checked([tools, "-p", "tsconfig.test.json"], cwd=NPM_DIR)
    output = run_checked(["node", "--test", "build/test/"], cwd=NPM_DIR)
    wording = json.loads((ROOT / "tests" / "wording_matching.json").read_text(encoding="utf-8"))
    decoding = json.loads((ROOT / "tests" / "decoding_cases.json").read_text(encoding="utf-8"))
    per_case = len(wording["normalise"]) + len(wording["match"]) + len(decoding["cases"])
    counts = {name: int(number) for name, number in re.findall(r"^# (tests|pass|fail) (\d+)$", output, re.MULTILINE)}
    assert counts["fail"] == 0 and counts["pass"] == counts["tests"] > per_case, output[-3000:]
    for case in decoding["cases"]:
        # Each case is a test of its own, named by its id (TAP escapes "#").
        assert f" {case['id']}\n".replace("#", "\\#") in output, case["id"]


# The Python and TypeScript sides agree ---------------------------------------------------------------

# Run in the scratch project: reads [function, arguments] requests on stdin, answers each in JSON.
AGENT = r"""
import { readFileSync } from "node:fs";
import * as codes from "smspartner-codes";

const LANGUAGES = JSON.parse(process.argv[2]);
const texts = (item) => ({
  name: item.name, message: item.message, language: item.messageLanguage,
  variants: item.variants.map((variant) => [variant.text, variant.lang]),
  in: LANGUAGES.map((lang) => item.messageIn(lang)),
});
const entry = (item) => item === undefined ? null : {
  ...texts(item), table: item.table, code: item.code, hint: item.hint,
  aliases: item.aliases.map((alias) => ({ ...texts(alias), renamed: alias.renamed, code: alias.code })),
  group: "group" in item
    ? [item.group.id, item.group.name, item.group.description, item.group.descriptionIn("en")]
    : null,
  permanent: "permanent" in item ? item.permanent : null,
  final: "final" in item ? item.final : null,
  success: "success" in item ? item.success : null,
};
const reading = (item) => item === undefined ? null : {
  ...texts(item), table: item.table, code: item.code, matched: item.matched, hint: item.hint,
  alias: item.alias?.name ?? null,
};
const answer = {
  lookup: ([table, code]) => entry(codes.lookup(table, code)),
  endpoint: ([url]) => codes.endpoint(url).map((item) => item.id),
  resolve: ([endpoints, code, message]) => reading(codes.resolve(endpoints, code, message)),
  normalise: ([text]) => codes.normalise(text),
  match: ([server, wordings]) => codes.bestMatch(server, wordings) ?? null,
  endpoints: () => Object.values(codes.ENDPOINTS).map((item) => [item.id, item.tables, item.items, item.successFlag]),
  decode: ([body, where]) => {
    const result = codes.decodeResponse(body, where);
    if (result.kind === "success") return [];
    if (result.kind === "invalid") return [{ error: "invalid" }];
    if (result.kind === "unsupported") return "unsupported";
    return result.errors.map((error) => error.kind === "invalid" ? { error: "invalid" } : {
      error: "api", table: error.table, endpoint: error.endpoint, code: error.code,
      member: error.entry?.name ?? null, reading: error.reading?.name ?? null, matched: error.matched,
      message: error.message, phone_number: error.phoneNumber,
      field_errors: error.fieldErrors.map((pair) => [pair.elementId, pair.message]),
      hint: error.hint, permanent: error.permanent,
    });
  },
};
const requests = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(requests.map(([name, args]) => answer[name](args))));
"""


@pytest.fixture(scope="module")
def typescript(scratch: Path) -> Any:
    """Ask the installed TypeScript package: ``typescript("lookup", [(table, code), ...])`` gives its answers."""
    (scratch / "agent.mjs").write_text(AGENT, encoding="utf-8")

    def ask(function: str, requests: list[Any]) -> list[Any]:
        output = run_checked(
            ["node", "agent.mjs", json.dumps(LANGUAGES)],
            cwd=scratch,
            stdin=json.dumps([[function, args] for args in requests]),
        )
        answers: list[Any] = json.loads(output)
        return answers

    return ask


def _texts(item: Any) -> dict[str, Any]:
    return {
        "name": item.name,
        "message": item.message,
        "language": item.message_language,
        "variants": [[variant.text, variant.lang] for variant in item.variants],
        "in": [item.message_in(lang) for lang in LANGUAGES],
    }


def _entry(member: Any) -> dict[str, Any] | None:
    if member is None:
        return None
    group = getattr(member, "group", None)
    return {
        **_texts(member),
        "table": member.table,
        "code": member.code,
        "hint": member.hint,
        "aliases": [{**_texts(alias), "renamed": alias.renamed, "code": alias.code} for alias in member.aliases],
        "group": None if group is None else [group.id, group.name, group.description, group.description_in("en")],
        "permanent": getattr(member, "permanent", None),
        "final": getattr(member, "is_final", None),
        "success": getattr(member, "is_success", None),
    }


def _lookup_requests(catalog: Catalog) -> Iterator[tuple[str, Any]]:
    """Every code of every table, in the forms the API sends and others; every name and spelling in four cases."""
    words = {"", " ", "0", "14", "DELIVRD ", "ſ", "K", "İ", "delivered", "NO_ERROR", "no_error ", "Numéro introuvable"}
    for table in catalog.tables:
        for entry in table.entries:
            forms: set[Any] = {entry.code, entry.name, *(spelling.value for spelling in entry.spellings)}
            if isinstance(entry.code, int):
                forms |= {str(entry.code), entry.code + 0.5, -entry.code, float(entry.code)}
            words |= {form for form in forms if isinstance(form, str)}
            for form in forms:
                yield table.id, form
    for table_id in TABLE_IDS:
        for word in sorted(words):
            for form in {
                word,
                word.upper(),
                word.lower(),
                word.swapcase(),
                word.replace("s", "ſ").replace("k", "\u212a"),
            }:
                yield table_id, form


def test_lookup_agrees_on_every_table_code_spelling_and_text(catalog: Catalog, typescript: Any) -> None:
    requests = sorted(set(_lookup_requests(catalog)), key=repr)
    assert len(requests) > 5000
    python = [_entry(lookup(table, code)) for table, code in requests]
    ours = typescript("lookup", [list(request) for request in requests])
    differences = [
        (request, mine, theirs) for request, mine, theirs in zip(requests, python, ours, strict=True) if mine != theirs
    ]
    assert differences == []
    # Not vacuous: every code is found (as itself, and in the other forms that name it).
    assert sum(answer is not None for answer in python) > sum(len(table.canonical_entries) for table in catalog.tables)


def _urls() -> list[str]:
    secret = "SECRET-KEY"
    found = [*ENDPOINTS, "sms.nothing", "", "/", "ftp://api.smspartner.fr/v1/me", "https://example.com/v1/me"]
    for record in ENDPOINTS.values():
        for url in record.urls:
            filled = url.url.replace("{apiKey}", secret).replace("{", "x").replace("}", "")
            host, _, path = filled.partition("/")
            found += [
                filled,
                f"https://{filled}?apiKey={secret}#top",
                f"http://user:{secret}@{host.upper()}:8443/{path}/",
                f"  HTTPS://{host}/{path}//  ",
                f"https://{host}/{path}/extra",
                f"https://{host}//{path}",
                f"https://{host}/{path.upper()}",
                url.url,
            ]
    return found


def test_endpoint_agrees_on_every_documented_url_and_keeps_no_secret(typescript: Any) -> None:
    urls = _urls()
    python = [[item.id for item in endpoint(url)] for url in urls]
    ours = typescript("endpoint", [[url] for url in urls])
    assert [(url, mine) for url, mine, theirs in zip(urls, python, ours, strict=True) if mine != theirs] == []
    assert sum(bool(ids) for ids in python) > 200
    assert "SECRET" not in json.dumps(ours)


def _reading(reading: Any) -> dict[str, Any] | None:
    if reading is None:
        return None
    return {
        **_texts(reading),
        "table": reading.table,
        "code": reading.code,
        "matched": reading.matched,
        "hint": reading.hint,
        "alias": None if reading.alias is None else reading.alias.name,
    }


def _resolve_requests() -> Iterator[tuple[Any, Any, str | None]]:
    """Every endpoint and URL's endpoints, every code of its tables (as sent, and as a string), with no text,
    each wording of every meaning of the code, a wording followed by details, and another text."""
    for endpoint_id, record in ENDPOINTS.items():
        targets: list[Any] = [endpoint_id, [item.id for item in endpoint(record.urls[0].url)] if record.urls else []]
        for table_id in record.tables:
            for member in TABLES[table_id]:
                meanings: list[Any] = [member, *member.aliases]
                texts = [
                    None,
                    "",
                    "Texte inconnu",
                    *(variant.text for meaning in meanings for variant in meaning.variants),
                ]
                texts += [meaning.message for meaning in meanings] + [f"{meanings[-1].message} : détails"]
                for target in targets:
                    for code in {member.code, str(member.code)}:
                        for text in texts:
                            yield target, code, text


def test_resolve_agrees_on_every_endpoint_code_and_wording(typescript: Any) -> None:
    requests = list(dict.fromkeys((json.dumps(target), code, text) for target, code, text in _resolve_requests()))
    assert len(requests) > 2000
    python = [_reading(resolve(json.loads(target), code, text)) for target, code, text in requests]
    ours = typescript("resolve", [[json.loads(target), code, text] for target, code, text in requests])
    assert [
        (request, mine, theirs) for request, mine, theirs in zip(requests, python, ours, strict=True) if mine != theirs
    ] == []
    assert any(answer and answer["matched"] and answer["alias"] for answer in python)


def test_endpoints_agree_on_their_tables_and_answer_shapes(typescript: Any) -> None:
    python = [[item.id, list(item.tables), item.items, item.success_flag] for item in ENDPOINTS.values()]
    assert typescript("endpoints", [[]]) == [python]
    assert any(items for _, _, items, _ in python) and not all(flag for *_, flag in python)


def _python_outcome(error: Any) -> dict[str, Any]:
    """A Python error as the decoding cases give it (tests/test_documented_answers.py), and what else the npm
    package's errors carry: the endpoint, the server's text, the hint and the permanent flag."""
    outcome = case_outcome(error)
    if outcome["error"] == "api":
        outcome.update(endpoint=error.endpoint, message=error.api_message, hint=error.hint, permanent=error.permanent)
    return outcome


def _decode_requests() -> Iterator[tuple[str, Any]]:
    """Answers of every endpoint (by id and by URL) and of every error table: each code of its tables, as a number
    and as a string, with no text, its wordings and another text, as the whole answer and as a failed item of each
    list of items; and bodies that are no answer. (Beside tests/decoding_cases.json, which both run.)"""
    sources: list[Any] = [{"table": table_id} for table_id in API_ERRORS]
    for record in ENDPOINTS.values():
        sources.append(record.id)
        if record.urls:
            sources.append("https://" + record.urls[0].url.replace("{", "").replace("}", "") + "?apiKey=SECRET")
    sources.append("https://example.invalid/v1/send?apiKey=SECRET")
    odd_bodies = [
        "",
        "null",
        "[]",
        "{}",
        '{"success": "false"}',
        '{"success": true}',
        '{"success": false}',
        '{"success": false, "code": null, "message": 3}',
        '{"success": false, "code": true}',
        '{"success": false, "code": [10]}',
        '{"success": false, "code": -0}',
        '{"success": false, "code": "' + "9" * 19 + '"}',
        '{"success": false, "code": "' + "x" * 101 + '"}',
        '{"success": false, "code": 9, "errors": {"elementId": "a", "message": "b"}}',
        '{"success": false, "code": 9, "errors": null, "error": [{"elementId": 1}]}',
        '{"success": false, "code": 9, "error": ["x", {"message": "m"}]}',
        '{"success": false, "code": 4, "status": "Numéro introuvable"}',
        '{"success": true, "results": [{"success": false, "code": 15}, 3, {"code": 1}, {"success": true}]}',
        '{"results": [{"success": false, "code": 15, "phoneNumber": "+33600000000"}], "rapport": {}}',
        '{"StatutResponse_List": [{"phoneNumber": "+33600000000", "status": "Delivered"}]}',
        '{"nb_datas": 0, "datas": []}',
        '{"success": true, "SMSResponse_List": null, "StatutResponseList": [{"success": "no"}]}',
        "<html><body>502</body></html>",
        "\ufeff  <result><entry>false</entry></result>",
        "\u00a0<result/>",
        ' {"success": true}',
    ]
    for where in sources:
        tables = (
            (where["table"],) if isinstance(where, dict) else (ENDPOINTS[where].tables if where in ENDPOINTS else ())
        )
        for body in odd_bodies:
            yield body, where
        for table_id in tables:
            for member in TABLES[table_id]:
                texts = [None, "Texte inconnu", member.message, *(alias.message for alias in member.aliases)]
                for code in {member.code, str(member.code)}:
                    for text in texts:
                        item = {"success": False, "code": code, "phoneNumber": "+33600000000"}
                        if text is not None:
                            item["message"] = text
                        yield json.dumps(item, ensure_ascii=False), where
                yield json.dumps({"success": True, "code": 200, "SMSResponse_List": [item]}), where
                yield json.dumps({"success": True, "StatutResponse_List": [item, {"status": "x"}]}), where


def test_decode_response_agrees_with_iter_errors_on_every_code_of_every_endpoint(typescript: Any) -> None:
    requests = list(dict.fromkeys((body, json.dumps(where)) for body, where in _decode_requests()))
    assert len(requests) > 5000
    python: list[Any] = []
    for body, where in requests:
        place = json.loads(where)
        keywords = place if isinstance(place, dict) else {"endpoint": place}
        if looks_like_xml(body) and not body.lstrip().lower().startswith("<html"):
            python.append("unsupported")  # XML: the npm package reads none (an HTML page is invalid in both)
        else:
            python.append([_python_outcome(error) for error in iter_errors(body, **keywords)])
    ours = typescript("decode", [[body, json.loads(where)] for body, where in requests])
    differences = [
        (request, mine, theirs) for request, mine, theirs in zip(requests, python, ours, strict=True) if mine != theirs
    ]
    assert differences == []
    assert "SECRET" not in json.dumps(ours)
    # Not vacuous: errors of every kind, read and matched, hints and permanent flags.
    flat = [error for outcome in python if isinstance(outcome, list) for error in outcome]
    assert {error["error"] for error in flat} == {"api", "invalid"}
    assert any(error.get("matched") and error.get("hint") for error in flat)
    assert any(error.get("permanent") is True for error in flat) and "unsupported" in python


def test_the_matching_rule_agrees_on_every_character(typescript: Any) -> None:
    """Each character Python's Unicode assigns, alone and after a wording (is it a word boundary?)."""
    characters = [chr(point) for point in range(0x110000) if unicodedata.category(chr(point)) not in ("Cn", "Cs", "Co")]
    texts = [f"A{char}" for char in characters] + [f"{char}ΣΑΣ &amp{char}" for char in characters[::97]]
    assert typescript("normalise", [[text] for text in texts]) == [normalise(text) for text in texts]
    servers = [[f"ab{char}", ["ab"]] for char in characters]
    assert typescript("match", servers) == [best_match(server, wordings) for server, wordings in servers]
    assert len(characters) > 140_000


def test_the_developer_pages_typescript_example_compiles_strictly_and_runs(scratch: Path) -> None:
    from tests.test_developer_examples import PAGES, code_block

    example = scratch / "example"
    example.mkdir()
    (example / "example.ts").write_text(code_block(PAGES[0], "ts"), encoding="utf-8")
    settings = json.loads((scratch / "tsconfig.json").read_text(encoding="utf-8"))
    settings.update({"include": ["example.ts"], "extends": str(NPM_DIR / "consumer" / "tsconfig.json")})
    settings["compilerOptions"]["outDir"] = "dist"
    (example / "tsconfig.json").write_text(json.dumps(settings), encoding="utf-8")
    run_checked([TSC, "-p", "."], cwd=example)
    blacklisted, stop = lookup("hlr_error", 2053), lookup("sms_send", 14)
    assert blacklisted is not None and stop is not None
    assert run_checked(["node", "dist/example.js"], cwd=example).splitlines() == [
        f"hlr_error 2053 {blacklisted.name} (USER_ERRORS): {blacklisted.message}",
        f"sms_send 14 {stop.name}: {stop.message_in('en')}",
        "sms_message_cancel_control 5 ALREADY_CANCELLED",
        "sms_send_control 10 INVALID_API_KEY matched=true",
    ]
