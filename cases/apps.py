from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"

    def ready(self) -> None:
        from standards.signals import chase_policy_changed

        from . import services

        def recheck(sender, service_area_id=None, **kwargs):
            services.chase_recheck(service_area_id=service_area_id)

        # Changed chasing rules move every covered case's next step: the chaser looks again.
        chase_policy_changed.connect(recheck, dispatch_uid="cases.chase_recheck", weak=False)
