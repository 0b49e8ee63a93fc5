"""The outside of the service: HTTP and WebSocket endpoints, and the `apitap` command line."""
