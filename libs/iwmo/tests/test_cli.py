"""The command line prints one JSON line per file and exits 0, 1 or 2."""

import json
from pathlib import Path

import pytest

from iwmo import write_message
from iwmo.__main__ import main
from wmo_testing.berichten import make_wmo301


def test_validate_prints_one_json_line_per_file_and_exits_1_when_any_is_invalid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.xml"
    good.write_bytes(write_message(make_wmo301()))
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"<not-iwmo/>")
    assert main(["validate", str(good)]) == 0
    assert main(["validate", str(good), str(bad)]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[0] == {"file": str(good), "message": "WMO301", "valid": True, "errors": []}
    assert lines[2]["valid"] is False
    assert lines[2]["message"] is None
    assert set(lines[2]["errors"][0]) == {"code", "path", "message"}


def test_bad_usage_exits_2(tmp_path: Path) -> None:
    assert main([]) == 2
    assert main(["validate"]) == 2
    assert main(["validate", str(tmp_path / "missing.xml")]) == 2


def test_retour_prints_the_retour_xml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "wmo301.xml"
    source.write_bytes(write_message(make_wmo301()))
    assert main(["retour", str(source)]) == 0
    out = capsys.readouterr().out
    assert "<wmo302:BerichtCode>415</wmo302:BerichtCode>" in out


def test_retour_of_a_non_message_exits_1_with_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "junk.xml"
    source.write_bytes(b"<<<")
    assert main(["retour", str(source)]) == 1
    assert json.loads(capsys.readouterr().err)["errors"][0]["code"] == "IB001"


def test_validate_can_also_check_against_an_xsd_folder(
    tmp_path: Path, xsd_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "wmo301.xml"
    source.write_bytes(write_message(make_wmo301()))
    assert main(["validate", "--xsd-dir", str(xsd_dir), str(source)]) == 0
