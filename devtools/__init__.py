"""Developer tools: the test runner behind bin/test and a throwaway PostgreSQL server.

Nothing here is part of the application; canbo never imports it.
"""
