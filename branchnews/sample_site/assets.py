"""Bytes of the images and attachments pages link to: deterministic, and valid enough to serve.

A crawl must find every on-site link answering 200, so each linked image is a real 1×1 PNG and
each attachment a short placeholder; both depend only on the file's path.
"""

from __future__ import annotations

import struct
import zlib

__all__ = ["asset_bytes", "color_for", "png_bytes", "placeholder_file"]


def png_bytes(rgb: tuple[int, int, int]) -> bytes:
    """A valid 1×1 PNG, zlib-stored (uncompressed) so the bytes never depend on zlib's version."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"\x00" + bytes(rgb)  # filter byte + one pixel
    stored = b"\x78\x01" + b"\x01" + struct.pack("<HH", len(raw), len(raw) ^ 0xFFFF) + raw
    stored += struct.pack(">I", zlib.adler32(raw))
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", stored) + chunk(b"IEND", b"")


def placeholder_file(relpath: str) -> bytes:
    """Bytes of an attachment: a short marker, not a real document."""
    name = relpath.rsplit("/", 1)[-1]
    if name.endswith(".pdf"):
        return b"%PDF-1.4\n% branchnews sample attachment placeholder\n%%EOF\n"
    return f"branchnews sample attachment placeholder: {name}\n".encode("utf-8")


def color_for(path: str) -> tuple[int, int, int]:
    h = zlib.crc32(path.encode("utf-8"))
    return (h & 0xFF, (h >> 8) & 0xFF, (h >> 16) & 0xFF)



def asset_bytes(path: str) -> bytes:
    """The bytes of a linked image (by its site path, ``/…``) or attachment."""
    return png_bytes(color_for(path)) if path.endswith(".png") else placeholder_file(path)
