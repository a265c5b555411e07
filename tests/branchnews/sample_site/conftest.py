"""The bundled sample site served on an ephemeral port in a thread, for the tests of this folder."""

from __future__ import annotations

import threading

import pytest

from branchnews.sample_site.server import make_server


@pytest.fixture(scope="module")
def port():
    server = make_server("127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
