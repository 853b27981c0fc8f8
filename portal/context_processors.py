from django.conf import settings
from django.utils.functional import SimpleLazyObject

from directory.selectors import contact_details

from .navigation import navigation_for
from .preferences import Preferences


def site(request) -> dict:
    return {
        "council_name": settings.COUNCIL_NAME,
        "service_name": settings.SERVICE_NAME,
        "a11y": Preferences.from_request(request),
        # Lazy: pages that never render the navigation never pay for the permission look-ups.
        "navigation": SimpleLazyObject(lambda: navigation_for(request)),
        # The footer shows them on every page (cached: see the selector).
        "council_contact": SimpleLazyObject(contact_details),
    }
