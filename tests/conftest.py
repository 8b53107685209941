import os
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse
# the ORM calls that tests make around browser steps.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = Path(settings.BASE_DIR) / "seeds"
SEED = SEEDS / "000_b393f1c8d4a0daca.txt"
SHARED = Path(settings.BASE_DIR).parent / "shared"


@pytest.fixture
def articles_dir(tmp_path):
    """An empty folder to import from; tests write real files into it."""
    folder = tmp_path / "articles"
    folder.mkdir()
    return folder
