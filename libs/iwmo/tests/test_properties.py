"""Property tests over the whole model: whatever the codec writes is XSD-valid and reads back."""

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iwmo import MESSAGE_TYPES, Bericht, read_message, write_message


@pytest.mark.parametrize("model", MESSAGE_TYPES, ids=[m.BERICHT for m in MESSAGE_TYPES])
def test_every_generated_message_is_xsd_valid_and_reads_back_equal(
    model: type[Bericht],
    assert_xsd_valid: Callable[[str, bytes], None],
    message_strategy: Callable[[type[Bericht]], st.SearchStrategy[Bericht]],
) -> None:
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(message_strategy(model))
    def check(message: Bericht) -> None:
        xml = write_message(message)
        assert_xsd_valid(model.BERICHT, xml)
        assert read_message(xml) == message

    check()
