"""assets.py: linked images are valid PNGs and attachments placeholders, both fixed by their path."""

from __future__ import annotations

import struct
import zlib

import pytest

from branchnews.sample_site.assets import asset_bytes, color_for, png_bytes


@pytest.mark.parametrize("rgb", [(0, 0, 0), (200, 30, 40), (255, 255, 255)])
def test_png_is_a_valid_one_pixel_image(rgb):
    data = png_bytes(rgb)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, {}
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert crc == zlib.crc32(kind + body)
        chunks[kind] = body
        pos += 12 + length
    assert list(chunks) == [b"IHDR", b"IDAT", b"IEND"]
    assert struct.unpack(">II", chunks[b"IHDR"][:8]) == (1, 1)
    assert zlib.decompress(chunks[b"IDAT"]) == b"\x00" + bytes(rgb)


@pytest.mark.parametrize(
    "path, starts",
    [
        ("/uploads/soft/180612/1-1P612093Z1.pdf", b"%PDF-1.4\n"),
        ("/t6/uploads/2017/09/附件1.docx", "branchnews sample attachment placeholder: 附件1.docx\n".encode()),
        ("/t4/uploads/soft/170901/1-1F9011A3.doc", b"branchnews sample attachment placeholder: 1-1F9011A3.doc\n"),
    ],
)
def test_attachment_placeholders(path, starts):
    assert asset_bytes(path).startswith(starts)


def test_image_bytes_depend_only_on_the_path():
    a, b = "/t6/uploads/2017/11/zuotan.png", "/t6/uploads/2018/07/yizhen1.png"
    assert asset_bytes(a) == asset_bytes(a) == png_bytes(color_for(a))
    assert asset_bytes(a) != asset_bytes(b)
