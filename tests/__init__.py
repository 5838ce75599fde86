"""Tests that span the whole application (end-to-end)."""
