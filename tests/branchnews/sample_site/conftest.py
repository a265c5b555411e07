"""The bundled sample site served on an ephemeral port in a thread, for the tests of this folder."""

from __future__ import annotations

import pytest

from branchnews.sample_site.server import make_server
from tests.conftest import serving


@pytest.fixture(scope="module")
def port():
    with serving(make_server("127.0.0.1", 0)) as bound:
        yield bound
