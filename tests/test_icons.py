"""The favicon and app icons are the app's own, served at the addresses browsers ask for."""

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["favicon.ico", "apple-touch-icon.png"])
def test_root_icon_redirects_to_a_static_file_that_exists(name):
    response = Client().get(f"/{name}")
    static_name = response["Location"].split("/static/", 1)[1]
    assert (response.status_code, bool(finders.find(static_name))) == (301, True)


def test_favicon_is_an_icon_file():
    with open(finders.find("icons/favicon.ico"), "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"


def test_every_page_links_its_icons_and_manifest():
    page = Client().get("/").content.decode()
    linked = [f'rel="{rel}"' in page for rel in ("icon", "apple-touch-icon", "manifest")]
    assert linked == [True, True, True]
