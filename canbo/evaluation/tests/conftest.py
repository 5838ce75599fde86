from canbo.work.tests.conftest import desk  # noqa: F401 - the staff persona's desk
