"""Do two checkouts of replylint report the same findings, byte for byte?

A refactor or a speed-up must not change what replylint reports. This script lints the same texts
with this checkout and with another (each in its own process, so each imports its own code) and
compares every finding: rule, severity, message, span, suggestion, fix and data.

The texts: the project's own sets (tests/data: questions, call-to-action, spelling and grammar sets,
the sample drafts) and, when `../shared/data/real/` is beside the checkout (or
`$REPLYLINT_REAL_DATA` names it), the real exchanges (each reply with its client's message, and
alone) and the FAQ answers (each with its question as the client's message). The real texts are
read, never stored here.

    python bench/same_findings.py --compare ../other-checkout     # prints the differences, exit 1 if any
    python bench/same_findings.py --dump findings.jsonl           # this checkout's findings, to diff by hand
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHECKOUT = HERE.parent


def real_data_dir() -> Path | None:
    configured = os.environ.get("REPLYLINT_REAL_DATA")
    folder = Path(configured) if configured else CHECKOUT.parent / "shared" / "data" / "real"
    return folder if (folder / "exchanges.jsonl").is_file() else None


def own_cases() -> Iterator[tuple[str, str, str | None]]:
    """(case id, draft, client's message or None) from the project's own sets."""
    import yaml

    data = CHECKOUT / "tests" / "data"
    for item in yaml.safe_load((data / "questions.yaml").read_text(encoding="utf-8")):
        yield f"questions:{item['id']}", item["reply"], item["client"]
    for name in ("call_to_action.yaml", "spelling.yaml"):
        loaded = yaml.safe_load((data / name).read_text(encoding="utf-8"))
        items = loaded if isinstance(loaded, list) else next(v for v in loaded.values() if isinstance(v, list))
        for index, item in enumerate(items):
            yield f"{name}:{item.get('id', index)}", item["text"], None
    for check in yaml.safe_load((data / "grammar.yaml").read_text(encoding="utf-8")):
        for kind in ("flag", "pass"):
            for index, item in enumerate(check.get(kind, [])):
                text = item if isinstance(item, str) else item["text"]
                yield f"grammar:{check['code']}:{check['lang']}:{kind}:{index}", text, None
    for path in sorted((data / "drafts").iterdir()):
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig") if not path.name.count("cp1251") else raw.decode("cp1251")
        yield f"drafts:{path.name}", text, None


def real_cases(folder: Path) -> Iterator[tuple[str, str, str | None]]:
    for line in (folder / "exchanges.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        yield f"real:{item['id']}:client", item["reply"], item["client"]
        yield f"real:{item['id']}:alone", item["reply"], None
    for name in ("rutube_faq.jsonl", "vtb_faq.jsonl"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            yield f"faq:{item['id']}", item["answer"], item["question"]


def dump(out: Path) -> int:
    """Lint every case with the replylint this process imports; one JSON line per case."""
    from replylint import lint

    cases = list(own_cases())
    folder = real_data_dir()
    if folder is not None:
        cases.extend(real_cases(folder))
    with out.open("w", encoding="utf-8") as stream:
        for case_id, draft, client in cases:
            findings = [
                {
                    "rule": f.rule,
                    "severity": f.severity.name,
                    "message": f.message,
                    "start": f.start,
                    "end": f.end,
                    "suggestion": f.suggestion,
                    "fix": repr(f.fix),
                    "data": repr(sorted((f.data or {}).items())),
                }
                for f in lint(draft, client=client)
            ]
            stream.write(json.dumps({"case": case_id, "findings": findings}, ensure_ascii=False) + "\n")
    return len(cases)


def run_dump(checkout: Path, out: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    script = checkout / "bench" / "same_findings.py"
    if not script.is_file():  # an older checkout without this script: run ours against its code
        script = Path(__file__).resolve()
    subprocess.run([sys.executable, str(script), "--dump", str(out)], env=env, check=True, cwd=checkout)


def compare(other: Path) -> int:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        ours, theirs = Path(tmp, "ours.jsonl"), Path(tmp, "theirs.jsonl")
        run_dump(CHECKOUT, ours)
        run_dump(other, theirs)
        ours_lines = ours.read_text(encoding="utf-8").splitlines()
        theirs_lines = theirs.read_text(encoding="utf-8").splitlines()
    findings = sum(len(json.loads(line)["findings"]) for line in ours_lines)
    digest = hashlib.sha256("\n".join(ours_lines).encode()).hexdigest()[:16]
    print(f"{len(ours_lines)} texts, {findings} findings here (sha256 {digest})")
    differing = [(a, b) for a, b in zip(ours_lines, theirs_lines, strict=False) if a != b]
    if len(ours_lines) != len(theirs_lines):
        print(f"different number of texts: {len(ours_lines)} here, {len(theirs_lines)} in {other}")
        return 1
    if not differing:
        print(f"identical to {other}: every finding, byte for byte")
        return 0
    print(f"{len(differing)} texts differ from {other}:")
    for a, b in differing[:20]:
        mine, yours = json.loads(a), json.loads(b)
        print(f"  {mine['case']}")
        for finding in mine["findings"]:
            if finding not in yours["findings"]:
                print(f"    + {finding['rule']} {finding['start']}:{finding['end']} {finding['message']}")
        for finding in yours["findings"]:
            if finding not in mine["findings"]:
                print(f"    - {finding['rule']} {finding['start']}:{finding['end']} {finding['message']}")
    return 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--compare", type=Path, metavar="CHECKOUT", help="another checkout of replylint")
    group.add_argument("--dump", type=Path, metavar="FILE", help="write this checkout's findings to FILE")
    args = parser.parse_args()
    if args.dump:
        count = dump(args.dump)
        if real_data_dir() is None:
            print(f"{count} texts (the real texts are absent: project's own sets only)", file=sys.stderr)
        return 0
    return compare(args.compare.resolve())


if __name__ == "__main__":
    sys.exit(main())
