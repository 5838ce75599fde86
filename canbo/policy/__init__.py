"""The regulations as code: pure Python, no Django, today's date is a parameter.

Every rule names its source article in its docstring; refusals are stable reason
codes that the interface layers translate.
"""

from canbo.policy.retirement import months_until, retirement_date

__all__ = ["months_until", "retirement_date"]
