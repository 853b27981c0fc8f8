"""Signed survey links: the token names the invitation's id only, signed with the project's
secret under its own salt. It is single use because an invitation takes one answer (a one-to-one
key), and it expires with the invitation (expires_at), not with the signature."""

from django.core import signing

SALT = "contacts.survey"


def survey_token_make(invitation) -> str:
    return signing.dumps(invitation.pk, salt=SALT, compress=False)


def survey_token_read(token: str) -> int | None:
    """The invitation id a token was made for, or None for a forged or damaged one."""
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None
