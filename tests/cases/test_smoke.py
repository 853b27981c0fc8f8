from cases import selectors, services
from cases.models import CaseEvent, Status


def test_case_journey(world, case_make):
    case = case_make()
    assert case.team == world.team_a and case.status == Status.ROUTED
    case = services.case_claim_next(team=world.team_a, by=world.officer_a)
    services.case_update_publish(case=case, by=world.officer_a, text="We are on it")
    case = services.case_transfer(
        case=case, team=world.team_b, by=world.officer_a, reason="Housing matter", version=case.version
    )
    assert case.handoff_count == 1
    case = services.case_claim(case=case, by=world.officer_b)
    case = services.case_resolve(case=case, by=world.officer_b, resolution="Done")
    assert case.status == Status.RESOLVED and case.respond_met is not None
    kinds = list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds == ["created", "routed", "claimed", "public_update", "transferred", "claimed", "status_changed"]
    access = selectors.case_get_for_user(reference=case.reference.lower().replace("-", " "), user=world.adviser)
    assert not access.can_work
