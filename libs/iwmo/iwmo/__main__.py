"""Command line: `python -m iwmo validate FILE...` and `... retour FILE`."""

import argparse
import json
import sys
import uuid
from datetime import date
from pathlib import Path

from iwmo.retour import NoRetour, build_retour
from iwmo.safe_xml import DEFAULT_MAX_BYTES, Limits
from iwmo.validation import validate
from iwmo.writer import write_message

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


def _read(path: str, limits: Limits) -> bytes:
    # Read one byte past the limit so an oversized file is reported, not loaded whole.
    with Path(path).open("rb") as handle:
        return handle.read(limits.max_bytes + 1)


def _validate(files: list[str], limits: Limits, xsd_dir: Path | None) -> int:
    status = EXIT_OK
    for name in files:
        try:
            data = _read(name, limits)
        except OSError as error:
            sys.stderr.write(f"{name}: {error.strerror}" + "\n")
            return EXIT_USAGE
        result = validate(data, limits=limits, xsd_dir=xsd_dir)
        line = {
            "file": name,
            "message": result.bericht,
            "valid": result.valid,
            "errors": [finding.as_json() for finding in result.findings],
        }
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        if not result.valid:
            status = EXIT_INVALID
    return status


def _retour(name: str, limits: Limits) -> int:
    try:
        data = _read(name, limits)
    except OSError as error:
        sys.stderr.write(f"{name}: {error.strerror}" + "\n")
        return EXIT_USAGE
    result = validate(data, limits=limits)
    if result.message is None:
        errors = [finding.as_json() for finding in result.findings]
        sys.stderr.write(json.dumps({"file": name, "retour": None, "errors": errors}) + "\n")
        return EXIT_INVALID
    try:
        retour = build_retour(
            result.message,
            result.findings,
            identificatie=uuid.uuid4().hex[:12],
            dagtekening=date.today(),
        )
    except NoRetour as error:
        sys.stderr.write(json.dumps({"file": name, "retour": None, "reason": str(error)}) + "\n")
        return EXIT_INVALID
    sys.stdout.write(write_message(retour, indent=True).decode("utf-8"))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m iwmo", description=__doc__)
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="validate files, one JSON line per file")
    check.add_argument("files", nargs="+")
    check.add_argument("--xsd-dir", type=Path, help="also check against the XSDs in this folder")
    answer = commands.add_parser("retour", help="print the retour message of a file")
    answer.add_argument("file")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_OK if exit_.code == 0 else EXIT_USAGE
    limits = Limits(max_bytes=args.max_bytes)
    if args.command == "validate":
        return _validate(args.files, limits, args.xsd_dir)
    return _retour(args.file, limits)


if __name__ == "__main__":
    sys.exit(main())
