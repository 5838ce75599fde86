"""End-to-end tests in a real browser: run with `bin/test browser`."""
