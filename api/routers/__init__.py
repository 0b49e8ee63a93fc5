"""One router per area of the HTTP/WebSocket API."""
