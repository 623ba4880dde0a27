"""``make bench`` (``python benchmarks/bench.py``): what the package and the generator cost, each beside a
baseline from the same run.

These machines are noisy, so every figure is paired with a baseline measured
in the same run, interleaved with it, and the ratio is what to compare across
machines and commits. This is a benchmark to read, not a test: nothing here
passes or fails.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import timeit
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_SOURCE = ROOT / "src"  # the package as a checkout has it: hand-written runtime and generated _data
PYTHON = sys.executable  # the venv's interpreter itself, not a shell wrapper

IMPORT_OURS = "from smspartner_codes import HlrError; HlrError(2053)"
IMPORT_BASELINE = "from http import HTTPStatus; HTTPStatus(404)"
RENDER_BASELINE = "import yaml, jinja2, jsonschema, babel"


@dataclass(frozen=True)
class Comparison:
    what: str
    ours: float
    baseline_name: str
    baseline: float
    target: float
    unit: str

    @property
    def ratio(self) -> float:
        return self.ours / self.baseline

    def line(self) -> str:
        verdict = "within" if self.ratio <= self.target else "OVER"
        return (
            f"{self.what}\n"
            f"    ours {self.ours:9.3f} {self.unit}   baseline {self.baseline:9.3f} {self.unit}"
            f" ({self.baseline_name})\n"
            f"    ratio {self.ratio:.2f}x   target <= {self.target:.1f}x   {verdict} target"
        )


def _run_seconds(argv: list[str], env: dict[str, str]) -> float:
    started = timeit.default_timer()
    subprocess.run(argv, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    return timeit.default_timer() - started


def _interleaved_medians(commands: dict[str, list[str]], rounds: int, env: dict[str, str]) -> dict[str, float]:
    """Median wall time of each command, run in turn ``rounds`` times so that drift hits all alike."""
    for argv in commands.values():  # warm up: byte-code caches, file-system caches
        _run_seconds(argv, env)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, argv in commands.items():
            samples[name].append(_run_seconds(argv, env))
    return {name: statistics.median(values) for name, values in samples.items()}


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(PACKAGE_SOURCE)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def bench_import(rounds: int) -> Comparison:
    medians = _interleaved_medians(
        {
            "pass": [PYTHON, "-c", "pass"],
            "ours": [PYTHON, "-c", IMPORT_OURS],
            "baseline": [PYTHON, "-c", IMPORT_BASELINE],
        },
        rounds,
        _environment(),
    )
    return Comparison(
        what=f"start-up: python -c {IMPORT_OURS!r}, minus python -c pass",
        ours=(medians["ours"] - medians["pass"]) * 1000,
        baseline_name=IMPORT_BASELINE,
        baseline=(medians["baseline"] - medians["pass"]) * 1000,
        target=1.0,
        unit="ms",
    )


def _instructions(argv: list[str], env: dict[str, str]) -> int:
    """Instructions a command executes, counted by callgrind: the same on a busy or an idle machine."""
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        check=True,
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    match = re.search(r"Collected : (\d+)", result.stderr)
    if match is None:
        raise RuntimeError(f"callgrind gave no count: {result.stderr[-500:]}")
    return int(match.group(1))


def bench_import_instructions() -> Comparison | None:
    """The start-up comparison again, in instructions; None where valgrind is not installed."""
    if shutil.which("valgrind") is None:
        return None
    env = _environment()
    _run_seconds([PYTHON, "-c", IMPORT_OURS], env)  # write the byte-code caches first
    empty = _instructions([PYTHON, "-c", "pass"], env)
    return Comparison(
        what=f"start-up, in instructions (valgrind callgrind): python -c {IMPORT_OURS!r}, minus python -c pass",
        ours=(_instructions([PYTHON, "-c", IMPORT_OURS], env) - empty) / 1e6,
        baseline_name=IMPORT_BASELINE,
        baseline=(_instructions([PYTHON, "-c", IMPORT_BASELINE], env) - empty) / 1e6,
        target=1.0,
        unit="M instructions",
    )


def bench_lookup() -> Comparison:
    sys.path.insert(0, str(PACKAGE_SOURCE))
    from smspartner_codes import HlrError, lookup

    lookup("hlr_error", 2053)  # the first call builds the table; time the steady state
    members = {member.code: member for member in HlrError}
    namespace = {"lookup": lookup, "members": members}
    return Comparison(
        what='lookup("hlr_error", 2053), per call (timeit, best of 7)',
        ours=_best_per_call('lookup("hlr_error", 2053)', namespace) * 1e9,
        baseline_name="members.get(2053), a dict of the HlrError members",
        baseline=_best_per_call("members.get(2053)", namespace) * 1e9,
        target=2.5,
        unit="ns",
    )


ERROR_BODY = {"success": False, "code": 14, "message": "Le numéro est dans la liste des STOP SMS"}
SUCCESS_TEXT = '{"success": true, "code": 200, "message_id": 1234, "nb_sms": 1, "cost": 0.045, "currency": "EUR"}'

# The least an integrator would write by hand: check the flag, raise a built-in exception, catch it.
_HAND_WRITTEN = """
def hand_written(body):
    if not body["success"]:
        raise ValueError(body["code"], body["message"])


def catch_hand_written(body):
    try:
        hand_written(body)
    except ValueError:
        pass


def catch_ours(body):
    try:
        raise_for_response(body, "sms_send")
    except SmsPartnerError:
        pass
"""


def bench_raise_for_response() -> tuple[Comparison, Comparison]:
    """An error body raised and caught, beside the hand-written check; a success body decoded, beside json.loads."""
    sys.path.insert(0, str(PACKAGE_SOURCE))
    import json

    from smspartner_codes import SmsPartnerError, raise_for_response

    namespace: dict[str, object] = {"raise_for_response": raise_for_response, "SmsPartnerError": SmsPartnerError}
    exec(_HAND_WRITTEN, namespace)  # functions, so that both sides pay for a call
    namespace.update(body=ERROR_BODY, text=SUCCESS_TEXT, json=json)
    error = Comparison(
        what="raise_for_response(error dict, 'sms_send') raised and caught, per call (timeit, best of 7)",
        ours=_best_per_call("catch_ours(body)", namespace, number=100_000) * 1e9,
        baseline_name='if not body["success"]: raise ValueError(...), caught',
        baseline=_best_per_call("catch_hand_written(body)", namespace, number=100_000) * 1e9,
        target=4.0,
        unit="ns",
    )
    success = Comparison(
        what="raise_for_response(success body as a JSON str, 'sms_send'), per call (timeit, best of 7)",
        ours=_best_per_call('raise_for_response(text, "sms_send")', namespace, number=100_000) * 1e9,
        baseline_name="json.loads(text), the decoding alone",
        baseline=_best_per_call("json.loads(text)", namespace, number=100_000) * 1e9,
        target=1.5,
        unit="ns",
    )
    return error, success


def _called_urls(count: int) -> list[str]:
    """``count`` distinct URLs as HTTP clients report them: every URL the docs print, in turn, with its
    parameters filled in, an API key of its own in the query, http or https."""
    import random

    from smspartner_codes import ENDPOINTS

    rng = random.Random(13)  # the same URLs on every run
    templates = [url.url for item in ENDPOINTS.values() for url in item.urls]
    urls = []
    for index in range(count):
        key = f"{rng.getrandbits(128):032x}"
        path = templates[index % len(templates)].replace("{apiKey}", key).replace("{campaignId}", str(index))
        scheme = "http" if index % 5 == 0 else "https"
        urls.append(f"{scheme}://{path}?apiKey={key}&messageId={rng.randrange(10**9)}")
    return urls


def bench_endpoint() -> Comparison:
    """endpoint(url) over distinct full URLs, no cache, beside urllib.parse.urlsplit of the same URLs."""
    sys.path.insert(0, str(PACKAGE_SOURCE))
    from urllib.parse import urlsplit

    from smspartner_codes import endpoint

    urls = _called_urls(20_000)  # more than urlsplit's cache holds: it parses each one
    endpoint(urls[0])  # the first call reads the endpoint data; time the steady state
    namespace: dict[str, object] = {"urls": urls, "endpoint": endpoint, "urlsplit": urlsplit}
    return Comparison(
        what=f"endpoint(url) over {len(urls):,} distinct URLs (query string, API key, parameters), per URL",
        ours=_best_per_call("for url in urls: endpoint(url)", namespace, number=1) / len(urls) * 1e9,
        baseline_name="urllib.parse.urlsplit(url), the same URLs",
        baseline=_best_per_call("for url in urls: urlsplit(url)", namespace, number=1) / len(urls) * 1e9,
        target=1.5,
        unit="ns",
    )


def _bulk_answer(items: int, failed_every: int) -> str:
    """A bulk send's answer as the API sends it: ``items`` items, one in ``failed_every`` a number on the STOP list."""
    import json

    answer: list[dict[str, object]] = []
    for index in range(items):
        phone_number = f"+336{index:08d}"
        if index % failed_every == failed_every - 1:
            message = "Le numéro est dans la liste des STOP SMS"
            answer.append({"success": False, "code": 14, "phoneNumber": phone_number, "message": message})
        else:
            answer.append({"success": True, "code": 200, "nbSms": 1, "cost": 0.038, "phoneNumber": phone_number})
    body = {"success": True, "code": 200, "message_id": 307, "cost": 0.038 * items, "SMSResponse_List": answer}
    return json.dumps(body, ensure_ascii=False)


def bench_bulk() -> Comparison:
    """iter_errors over a 1,000-item bulk answer given as text (read by the URL's endpoint), beside json.loads of it."""
    sys.path.insert(0, str(PACKAGE_SOURCE))
    import json

    from smspartner_codes import iter_errors

    text = _bulk_answer(1_000, failed_every=20)
    url = "https://api.smspartner.fr/v1/bulk-send?apiKey=0123456789abcdef0123456789abcdef"
    assert len(list(iter_errors(text, endpoint=url))) == 50  # and the first call loads what it needs
    namespace: dict[str, object] = {"iter_errors": iter_errors, "json": json, "text": text, "url": url}
    return Comparison(
        what="list(iter_errors(text, endpoint=url)): a bulk send's answer of 1,000 items, 50 failed, per answer",
        ours=_best_per_call("list(iter_errors(text, endpoint=url))", namespace, number=200) * 1e6,
        baseline_name="json.loads(text), the decoding alone",
        baseline=_best_per_call("json.loads(text)", namespace, number=200) * 1e6,
        target=1.5,
        unit="us",
    )


# Times decodeResponse and JSON.parse on the same text in one node process, interleaved: the best of 7 runs each.
NODE_BULK = """
import { decodeResponse } from "./dist/index.js";
const [text, url] = JSON.parse(process.argv[2]);
if (decodeResponse(text, url).errors.length !== 50) throw new Error("not the answer measured");
const perCall = (call, number) => {
  const started = process.hrtime.bigint();
  for (let round = 0; round < number; round += 1) call();
  return Number(process.hrtime.bigint() - started) / 1e3 / number;
};
const best = { ours: Infinity, baseline: Infinity };
for (let run = 0; run < 7; run += 1) {
  best.ours = Math.min(best.ours, perCall(() => decodeResponse(text, url), 200));
  best.baseline = Math.min(best.baseline, perCall(() => JSON.parse(text), 200));
}
process.stdout.write(JSON.stringify(best));
"""


def bench_npm_bulk() -> Comparison | None:
    """The npm package's decodeResponse over the same 1,000-item bulk answer, beside JSON.parse of it (node)."""
    tsc = ROOT / "npm" / "node_modules" / ".bin" / "tsc"
    if shutil.which("node") is None or not tsc.exists():
        print("npm decodeResponse: skipped (node, or npm/node_modules: make npm-tools)\n")
        return None
    import json

    text = _bulk_answer(1_000, failed_every=20)
    url = "https://api.smspartner.fr/v1/bulk-send?apiKey=0123456789abcdef0123456789abcdef"
    with tempfile.TemporaryDirectory(prefix="smspartner-bench-") as scratch:
        built = Path(scratch)
        subprocess.run([tsc, "-p", ROOT / "npm" / "tsconfig.json", "--outDir", built / "dist"], check=True, cwd=ROOT)
        (built / "package.json").write_text('{"type": "module"}', encoding="utf-8")
        (built / "bench.mjs").write_text(NODE_BULK, encoding="utf-8")
        output = subprocess.run(
            ["node", "bench.mjs", json.dumps([text, url])], check=True, cwd=built, capture_output=True, text=True
        ).stdout
    best = json.loads(output)
    return Comparison(
        what="decodeResponse(text, url) in node: the same bulk answer of 1,000 items, 50 failed, per answer",
        ours=best["ours"],
        baseline_name="JSON.parse(text), the decoding alone",
        baseline=best["baseline"],
        target=1.5,
        unit="us",
    )


# How an installer's console script starts the command (pip writes these lines).
CONSOLE_SCRIPT = """import re
import sys
from smspartner_codes._cli import main
if __name__ == "__main__":
    sys.argv[0] = re.sub(r"(-script\\.pyw|\\.exe)?$", "", sys.argv[0])
    sys.exit(main())
"""
CLI_ARGUMENTS = ["explain", "sms_send", "14"]


def bench_cli(rounds: int) -> tuple[Comparison, Comparison | None]:
    """``smspartner-codes explain sms_send 14`` against ``python -c pass``: whole processes, timed and counted."""
    env = _environment()
    with tempfile.TemporaryDirectory(prefix="smspartner-bench-") as scratch:
        script = Path(scratch) / "smspartner-codes"
        script.write_text(CONSOLE_SCRIPT, encoding="utf-8")
        command = [PYTHON, str(script), *CLI_ARGUMENTS]
        medians = _interleaved_medians({"pass": [PYTHON, "-c", "pass"], "ours": command}, rounds, env)
        what = f"smspartner-codes {' '.join(CLI_ARGUMENTS)} (as an installed console script)"
        timed = Comparison(what, medians["ours"] * 1000, "python -c pass", medians["pass"] * 1000, 1.5, "ms")
        counted = None
        if shutil.which("valgrind") is not None:
            counted = Comparison(
                f"{what}, in instructions (valgrind callgrind)",
                _instructions(command, env) / 1e6,
                "python -c pass",
                _instructions([PYTHON, "-c", "pass"], env) / 1e6,
                1.5,
                "M instructions",
            )
    return timed, counted


def _best_per_call(statement: str, namespace: dict[str, object], number: int = 500_000) -> float:
    timer = timeit.Timer(statement, globals=namespace)
    return min(timer.repeat(repeat=7, number=number)) / number


def bench_render(rounds: int) -> Comparison:
    with tempfile.TemporaryDirectory(prefix="smspartner-bench-") as scratch:
        medians = _interleaved_medians(
            {
                "pass": [PYTHON, "-c", "pass"],
                "ours": [
                    *(PYTHON, "-m", "codegen", "render"),
                    *("--out", str(Path(scratch) / "generated"), "--data-out", str(Path(scratch) / "_data")),
                    *("--npm-out", str(Path(scratch) / "npm_data")),
                ],
                "baseline": [PYTHON, "-c", RENDER_BASELINE],
            },
            rounds,
            _environment(),
        )
    return Comparison(
        what="python -m codegen render (whole catalog, into a scratch directory), minus python -c pass",
        ours=(medians["ours"] - medians["pass"]) * 1000,
        baseline_name=RENDER_BASELINE,
        baseline=(medians["baseline"] - medians["pass"]) * 1000,
        target=2.0,
        unit="ms",
    )


def main() -> int:
    rounds = int(os.environ.get("BENCH_ROUNDS", "30"))
    print(f"smspartner-codes benchmarks: Python {sys.version.split()[0]}, {PYTHON}")
    print(f"start-up figures are medians of {rounds} interleaved runs; per-call figures the best of 7 timeit runs\n")
    comparisons = (
        bench_import(rounds),
        bench_import_instructions(),
        bench_lookup(),
        *bench_raise_for_response(),
        bench_endpoint(),
        bench_bulk(),
        bench_npm_bulk(),
        *bench_cli(rounds),
        bench_render(max(5, rounds // 3)),
    )
    for comparison in comparisons:
        if comparison is not None:
            print(comparison.line(), end="\n\n", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
