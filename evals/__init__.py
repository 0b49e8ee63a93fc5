"""Offline evaluation harness and benchmarks: they drive the agent and the API from the outside."""
