import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_health_is_503_when_redis_is_unreachable(client, settings, tmp_path):
    # A real, unreachable server address rather than a mock: nothing listens on this socket.
    settings.REDIS_CLIENT_URL = f"unix://{tmp_path}/nothing.sock"
    response = client.get(reverse("portal:health"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["checks"]["database"] == {"status": "up"}
    assert body["checks"]["redis"]["status"] == "down"
    assert body["checks"]["worker"] == {"status": "unknown"}


@pytest.mark.django_db
def test_health_refuses_post(client):
    assert client.post(reverse("portal:health")).status_code == 405
