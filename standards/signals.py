"""What standards tells the apps above it, which it may not import."""

from django.dispatch import Signal

# chase_policy_save / chase_policy_reset: service_area_id= (None: the council's rules), sent after
# commit. cases sends the covered open cases back to the chaser.
chase_policy_changed = Signal()
