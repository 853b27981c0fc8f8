"""Helpers shared by the test modules."""

from tests.conftest import PASSWORD


def sign_in(page, live_server, user) -> None:
    """Sign `user` in through the real sign-in page."""
    page.goto(f"{live_server.url}/staff/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
