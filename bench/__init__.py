"""Benchmarks (DEVELOPERS.md rule 6): run by `make bench`, never by the test suite."""
