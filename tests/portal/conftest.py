"""The cases app's fixtures, for the dashboard's figures about cases."""

from ..cases.conftest import case_make, customer, response_standards, rules  # noqa: F401 - fixtures
