#!/usr/bin/env python
"""Django's command-line utility; `canbo` is the same with an installed entry point."""

from canbo.__main__ import main

if __name__ == "__main__":
    main()
