"""Test support shared by the tests, the benchmarks and the deploy scripts of wmo-suite."""
