"""What cases tells the apps above it, which it may not import (portal -> contacts -> cases).

Both are sent inside the service's transaction, so a receiver's writes commit or roll back with
the change that caused them."""

from django.dispatch import Signal

# case_resolve: sender=Case, case=, by=. The contacts app invites the customer to a survey.
case_resolved = Signal()
# customer_merge: sender=Customer, source=, target=, by=. Receivers move their rows from source to
# target and return {"<what> moved": count} for the merge's change record.
customer_merged = Signal()
