"""The cost of a contact on each channel: a row for every channel from the migration, four with a
sector estimate and its source; set and cleared through the service with history; the page's bad
input refused in words."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from standards import selectors, services
from standards.models import Channel, ChannelCost, StandardsChange


def test_every_channel_has_a_row_and_four_a_sourced_estimate(db):
    costs = selectors.channel_costs()
    assert set(costs) == set(Channel.values)
    assert {channel: cost.cost for channel, cost in costs.items() if cost.cost is not None} == {
        "face_to_face": Decimal("10.53"), "phone": Decimal("3.39"), "letter": Decimal("12.10"), "web": Decimal("0.08"),
    }  # fmt: skip
    assert all("PwC" in cost.source for cost in costs.values() if cost.cost is not None)


def test_the_service_records_what_changed(world):
    cost = selectors.channel_cost_get(channel="email")
    services.channel_cost_update(cost=cost, by=world.administrator, fields={"cost": Decimal("1.20"), "source": "Ours"})
    services.channel_cost_update(cost=cost, by=world.administrator, fields={"cost": Decimal("1.20"), "source": "Ours"})
    change = StandardsChange.objects.get(entry_id=cost.pk, entry_type="channelcost")
    assert change.changes == {"cost": [None, "1.20"], "source": ["", "Ours"]}
    with pytest.raises(ValidationError) as error:
        services.channel_cost_update(cost=cost, by=None, fields={"cost": Decimal("-1")})
    assert error.value.message_dict == {"cost": ["Enter a cost from £0 to £1,000"]}
    assert ChannelCost.objects.get(channel="email").cost == Decimal("1.20")


@pytest.mark.parametrize(
    ("cost", "message"),
    [("abc", "The cost must be an amount in pounds, like 3.39"), ("-1", "Enter a cost from £0 to £1,000"),
     ("1000.01", "Enter a cost from £0 to £1,000"), ("99999999", "Enter a cost from £0 to £1,000"),
     ("1.234", "The cost can have at most 2 decimal places (pence)")],
)  # fmt: skip
def test_the_page_refuses_bad_costs_in_words(client, world, cost, message):
    client.force_login(world.service_manager)
    url = reverse("standards:channel-cost-update", kwargs={"channel": "phone"})
    response = client.post(url, {"cost": cost, "source": "x"})
    assert response.status_code == 200 and message in response.content.decode()
    assert ChannelCost.objects.get(channel="phone").cost == Decimal("3.39")


def test_the_page_saves_and_a_long_source_is_refused(client, world):
    client.force_login(world.service_manager)
    url = reverse("standards:channel-cost-update", kwargs={"channel": "phone"})
    too_long = client.post(url, {"cost": "2.50", "source": "x" * 301})
    assert "Where the figure comes from must be 300 characters or fewer" in too_long.content.decode()
    saved = client.post(url, {"cost": "2.50", "source": "  Our own costing, 2026  "})
    assert saved.status_code == 302
    assert ChannelCost.objects.get(channel="phone").source == "Our own costing, 2026"
    assert client.get(reverse("standards:channel-cost-update", kwargs={"channel": "pigeon"})).status_code == 404
