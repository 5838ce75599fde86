"""Root pytest configuration: fixture modules shared by every app's tests."""

pytest_plugins = ["canbo.tests.fixtures"]
