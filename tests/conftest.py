import shutil
from pathlib import Path

import pytest
from django.conf import settings

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = Path(settings.BASE_DIR) / "seeds"
SEED = SEEDS / "000_b393f1c8d4a0daca.txt"


@pytest.fixture
def editor(client, db):
    """The test client, logged in as a superuser (the admin's editors)."""
    from tests.factories import make_user

    user = make_user(staff=True)
    user.is_superuser = True
    user.save()
    client.force_login(user)
    return client


@pytest.fixture
def database_tasks(settings):
    """The production tasks backend instead of the immediate one: tasks wait in the database
    until a worker takes them."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


@pytest.fixture(autouse=True)
def empty_caches():
    """Every test starts with empty caches, as a freshly started server does."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def articles_dir(tmp_path):
    """An empty folder to import from; tests write real files into it."""
    folder = tmp_path / "articles"
    folder.mkdir()
    return folder


@pytest.fixture
def seed_copy(articles_dir):
    """A copy of the seed, imported, that a test may edit and import again."""
    from archive.importer import import_paths

    path = articles_dir / SEED.name
    shutil.copy(SEED, path)
    import_paths([str(articles_dir)])
    return path


def pytest_collection_modifyitems(items):
    """Browser tests run last (in their usual order), so that every other test runs before
    Playwright starts and with Django's guard against ORM calls from async code on."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM_ARGS, chromium_path

    # Playwright's sync API keeps an event loop running in the test thread, and Django refuses
    # ORM calls while one runs; the browser tests make such calls around their steps.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh, offline browser tab in English; its console errors are collected."""
    from tests.browser import keep_offline

    context = browser.new_context(locale="en-US")
    context.refused = keep_offline(context, live_server.url)
    tab = context.new_page()
    tab.console_errors = []
    tab.on(
        "console",
        lambda message: message.type == "error" and tab.console_errors.append(message.text),
    )
    yield tab
    context.close()
