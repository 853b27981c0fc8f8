from django.db import models


class StaffAccess(models.Model):
    """No table: a place to hang the portal's own permissions, which roles are granted."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("access_staff_pages", "Can use the staff pages"),
            ("view_dashboards", "Can view manager dashboards"),
            ("view_dashboard_summary", "Can view the council-wide dashboard summary, without names"),
        ]

    def __str__(self) -> str:
        return "Staff access"
