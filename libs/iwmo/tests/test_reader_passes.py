"""The reader's fast pass never changes an outcome: what it accepts, the full reader accepts
with the same model, and whatever it refuses is judged by the full reader alone.

Each input is read three ways: the fast pass (`_read_fast`), the full reader (`_Reader`) and
`read_tree`, which runs the fast pass and falls back to the full reader. Inputs: every example
of the reference pack, hypothesis-generated messages of every type, and hostile edits of them
(missing, repeated, reordered and unknown elements, text in classes, attributes, comments,
children in a leaf, invalid values).
"""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree  # type: ignore[import-untyped]

from iwmo import MESSAGE_TYPES, Bericht, write_message
from iwmo.findings import Finding
from iwmo.reader import _Enough, _read_fast, _Reader, detect, read_tree
from iwmo.safe_xml import parse
from iwmo.schema import message_spec

_ELEMENT = re.compile(rb"<([A-Za-z0-9]+):([A-Za-z0-9]+)>([^<]*)</\1:\2>")


def _full(root: Any, model: type[Bericht]) -> tuple[Any, list[Finding]]:
    reader = _Reader()
    try:
        value = reader.read_class(root, message_spec(model).root, "/Bericht")
    except _Enough:
        value = None
    return value, reader.findings


def assert_passes_agree(data: bytes) -> None:
    root, refused = parse(data)
    if root is None:
        assert refused
        return
    model = detect(root)
    if model is None:
        return
    fast = _read_fast(root, message_spec(model).root)
    full, structure_findings = _full(root, model)
    if fast is not None:
        assert structure_findings == []
        assert fast == full
    _type, read, findings = read_tree(root)
    if structure_findings:
        assert read is None
        assert findings == structure_findings
    elif full is not None:
        assert read == full or findings


def hostile_edits(xml: bytes) -> list[bytes]:
    """One-place edits of a valid message, each at the first and the last leaf."""
    leaves = list(_ELEMENT.finditer(xml))
    edits: list[bytes] = []
    for match in (leaves[0], leaves[len(leaves) // 2], leaves[-1]):
        start, end = match.span()
        whole, prefix, local = match.group(0), match.group(1), match.group(2)
        before, after = xml[:start], xml[end:]
        edits += [
            before + after,  # missing
            before + whole + whole + after,  # repeated
            before + b"<" + prefix + b":Onbekend>x</" + prefix + b":Onbekend>" + whole + after,
            before + b"tekst" + whole + after,  # text in a class
            before + whole + b"staart" + after,  # tail text
            before + whole.replace(local + b">", local + b' a="1">', 1) + after,
            before + b"<!-- opmerking -->" + whole + after,
            before + b"<?pi x?>" + whole + after,
            before + whole.replace(b">", b"><" + prefix + b":Kind/>", 1) + after,
            before + whole.replace(match.group(3), b"\xc3\xa9\xc3\xa9-99", 1) + after,
            before + whole.replace(match.group(3), b"", 1) + after,
            before + whole.replace(match.group(3), b" " + match.group(3) + b" ", 1) + after,
        ]
    if len(leaves) > 1:
        first, second = leaves[0], leaves[1]
        edits.append(
            xml[: first.start()]
            + second.group(0)
            + xml[first.end() : second.start()]
            + first.group(0)
            + xml[second.end() :]
        )
    return edits


def pack_examples(pack: Path) -> list[Path]:
    return sorted(path for path in (pack / "examples").rglob("*.xml"))


def test_the_fast_pass_agrees_with_the_full_reader_on_every_pack_example(pack: Path) -> None:
    examples = pack_examples(pack)
    assert examples
    for path in examples:
        data = path.read_bytes()
        assert_passes_agree(data)
        if detect(etree.fromstring(data)) is not None:
            for edited in hostile_edits(data):
                assert_passes_agree(edited)


@pytest.mark.parametrize("model", MESSAGE_TYPES, ids=[m.BERICHT for m in MESSAGE_TYPES])
def test_the_fast_pass_agrees_with_the_full_reader_on_generated_and_edited_messages(
    model: type[Bericht],
    message_strategy: Callable[[type[Bericht]], st.SearchStrategy[Bericht]],
) -> None:
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(message_strategy(model), st.integers(0, 10_000))
    def check(message: Bericht, seed: int) -> None:
        xml = write_message(message)
        assert_passes_agree(xml)
        edits = hostile_edits(xml)
        assert_passes_agree(edits[seed % len(edits)])

    check()
