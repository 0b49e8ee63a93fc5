"""Benchmarks (`apitap bench …`): each prints one JSON object; speed goals live here, never in timed tests."""
