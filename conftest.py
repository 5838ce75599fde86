"""Root pytest configuration: fixture modules shared by every app's tests."""

# devtools.pytest_plugin: under CI a skipped test counts as a failure.
pytest_plugins = ["canbo.tests.fixtures", "devtools.pytest_plugin"]
