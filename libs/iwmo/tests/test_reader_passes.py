"""The reader's fast pass never changes an outcome: what it accepts, the full reader accepts
with the same model, and whatever it refuses is judged by the full reader alone.

Each input is read three ways: the fast pass (`_read_fast`), the full reader (`_Reader`) and
`read_tree`, which runs the fast pass and falls back to the full reader. Inputs: every example
of the reference pack, hypothesis-generated messages of every type, and hostile edits of them
(missing, repeated, reordered and unknown elements, text in classes, attributes, comments,
children in a leaf, invalid values).
"""

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


def test_the_fast_pass_agrees_with_the_full_reader_on_every_pack_example(
    pack_examples: list[Path], hostile_edits: Callable[[bytes], list[bytes]]
) -> None:
    examples = pack_examples
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
    hostile_edits: Callable[[bytes], list[bytes]],
) -> None:
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(message_strategy(model), st.integers(0, 10_000))
    def check(message: Bericht, seed: int) -> None:
        xml = write_message(message)
        assert_passes_agree(xml)
        edits = hostile_edits(xml)
        assert_passes_agree(edits[seed % len(edits)])

    check()
