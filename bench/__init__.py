"""Benchmarks that print markdown tables (see README.md); not tests."""
