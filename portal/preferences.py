"""Accessibility preferences: colours and text size, kept in cookies, applied without JavaScript."""

from dataclasses import dataclass

COLOUR_COOKIE = "a11y_colour"
TEXT_SIZE_COOKIE = "a11y_text"
COOKIE_MAX_AGE = 365 * 24 * 3600

COLOUR_CHOICES = [
    ("default", "Standard colours"),
    ("high-contrast", "High contrast (yellow on black)"),
    ("dark", "Dark mode"),
]
TEXT_SIZE_CHOICES = [("normal", "Normal"), ("large", "Large"), ("larger", "Larger")]
_COLOURS = {value for value, _ in COLOUR_CHOICES}
_SIZES = {value for value, _ in TEXT_SIZE_CHOICES}


@dataclass(frozen=True)
class Preferences:
    colour: str = "default"
    text_size: str = "normal"

    @classmethod
    def from_request(cls, request) -> "Preferences":
        """Unknown or tampered cookie values fall back to the defaults."""
        colour = request.COOKIES.get(COLOUR_COOKIE, "default")
        size = request.COOKIES.get(TEXT_SIZE_COOKIE, "normal")
        return cls(colour if colour in _COLOURS else "default", size if size in _SIZES else "normal")

    @property
    def html_classes(self) -> list[str]:
        classes = []
        if self.colour != "default":
            classes.append(f"app-theme--{self.colour}")
        if self.text_size != "normal":
            classes.append(f"app-text--{self.text_size}")
        return classes

    def save(self, response, *, secure: bool) -> None:
        for name, value in ((COLOUR_COOKIE, self.colour), (TEXT_SIZE_COOKIE, self.text_size)):
            response.set_cookie(name, value, max_age=COOKIE_MAX_AGE, secure=secure, httponly=True, samesite="Lax")
