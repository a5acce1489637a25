"""The relay's partitioning: the partition Kafka's own clients give a key."""

from __future__ import annotations

import random

import pytest
from aiokafka.partitioner import DefaultPartitioner

from wmo_common.events.kafka import murmur2, partition_of

# Kafka's own test vectors for Utils.murmur2 (clients/src/test/.../UtilsTest.java), signed.
JAVA_MURMUR2 = {
    b"21": -973932308,
    b"foobar": -790332482,
    b"a-little-bit-long-string": -985981536,
    b"a-little-bit-longer-string": -1486304829,
    b"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8": -58897971,
    b"abc": 479470107,
}


@pytest.mark.parametrize(("key", "expected"), JAVA_MURMUR2.items())
def test_murmur2_gives_what_kafkas_java_client_gives(key: bytes, expected: int) -> None:
    assert murmur2(key) == expected % 2**32


def test_every_key_goes_to_the_partition_aiokafkas_default_partitioner_gives_it() -> None:
    chosen = random.Random(22)
    partitioner = DefaultPartitioner()
    for _ in range(20_000):
        # Every tail length, the empty key, and keys longer than the prepared word readers.
        key = chosen.randbytes(chosen.choice([0, 1, 2, 3, 36, 37, 38, 39, 255, 256, 257, 600]))
        partitions = list(range(chosen.randint(1, 64)))
        assert partition_of(key, partitions) == partitioner(key, partitions, partitions)
