import json
import logging

import pytest

from wmo_common.logging import JsonFormatter, mask_bsn, trace_id_var
from wmo_common.privacy import (
    DecryptionFailed,
    FieldCipher,
    generate_field_key,
    is_valid_bsn,
    pseudonymise,
)

PERSONAL = {"bsn": "123456782", "naam": "Jansen", "geboortedatum": "1950-05-17"}


def test_an_encrypted_field_opens_with_the_right_key_and_purpose() -> None:
    key = generate_field_key()
    token = FieldCipher(key, "gateway").encrypt(PERSONAL)
    assert "123456782" not in token
    assert FieldCipher(key, "gateway").decrypt(token) == PERSONAL


def test_an_encrypted_field_does_not_open_with_another_key() -> None:
    token = FieldCipher(generate_field_key(), "gateway").encrypt(PERSONAL)
    with pytest.raises(DecryptionFailed):
        FieldCipher(generate_field_key(), "gateway").decrypt(token)


def test_an_encrypted_field_does_not_open_for_another_purpose() -> None:
    key = generate_field_key()
    token = FieldCipher(key, "gateway").encrypt(PERSONAL)
    with pytest.raises(DecryptionFailed):
        FieldCipher(key, "finance").decrypt(token)


def test_a_tampered_field_is_refused() -> None:
    key = generate_field_key()
    token = FieldCipher(key, "gateway").encrypt(PERSONAL)
    tampered = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    with pytest.raises(DecryptionFailed):
        FieldCipher(key, "gateway").decrypt(tampered)


def test_the_same_bsn_encrypts_differently_each_time() -> None:
    cipher = FieldCipher(generate_field_key(), "gateway")
    assert cipher.encrypt(PERSONAL) != cipher.encrypt(PERSONAL)


def test_a_pseudonym_is_stable_per_key_and_reveals_nothing() -> None:
    first = pseudonymise("123456782", "key-a")
    assert first == pseudonymise("123456782", "key-a")
    assert first != pseudonymise("123456782", "key-b")
    assert first != pseudonymise("111222333", "key-a")
    assert len(first) == 64
    assert "123456782" not in first


@pytest.mark.parametrize(
    ("bsn", "valid"),
    [
        ("123456782", True),
        ("111222333", True),
        ("123456789", False),
        ("12345678", False),
        ("000000000", False),
        ("12345678a", False),
    ],
)
def test_the_bsn_eleven_check(bsn: str, valid: bool) -> None:
    assert is_valid_bsn(bsn) is valid


def test_masking_keeps_only_the_last_two_digits_of_nine_digit_numbers() -> None:
    assert mask_bsn("client 123456782 and 1234567890") == "client *******82 and 1234567890"


def test_a_log_line_masks_a_bsn_but_keeps_a_trace_id_with_nine_digits_in_a_row() -> None:
    trace_id = "4bf92f3577b34da6123456789e0e4736"
    token = trace_id_var.set(trace_id)
    try:
        record = logging.LogRecord(
            "proef", logging.INFO, __file__, 1, "client %s", ("123456782",), None
        )
        record.detail = {"bsn": 123456782}
        line = json.loads(JsonFormatter("proef").format(record))
    finally:
        trace_id_var.reset(token)
    assert line["traceId"] == trace_id
    assert line["event"] == "client *******82"
    assert line["detail"] == {"bsn": "*******82"}
