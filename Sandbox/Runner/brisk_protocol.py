"""Framing shared by Brisk's trusted Python processes and the Swift harness.

A frame is a 8-byte header (two big-endian uint32: the JSON header's length, the payload's
length), a UTF-8 JSON object, then the payload bytes. Payloads carry encoded values and code.
"""
import json
import os
import struct

_HEADER = struct.Struct(">II")


def read_exactly(fd, count):
    """count bytes, into one buffer allocated up front: how a pipe happens to split a frame
    must not change what the reader allocates, or the heap every forked child inherits (and
    with it the instructions a call executes) would depend on timing."""
    buffer = bytearray(count)
    view = memoryview(buffer)
    offset = 0
    while offset < count:
        got = os.readv(fd, [view[offset:]])
        if not got:
            raise EOFError("the harness closed the pipe")
        offset += got
    view.release()
    return bytes(buffer)


def read_frame(fd):
    header_length, payload_length = _HEADER.unpack(read_exactly(fd, 8))
    header = json.loads(read_exactly(fd, header_length))
    return header, read_exactly(fd, payload_length)


def write_frame(fd, header, payload=b""):
    text = json.dumps(header, separators=(",", ":")).encode()
    data = _HEADER.pack(len(text), len(payload)) + text + payload
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def pack_parts(*parts):
    """Several byte strings in one payload, each prefixed by its length."""
    return b"".join(_HEADER.pack(len(p), 0)[:4] + p for p in parts)


def unpack_parts(payload):
    parts, offset = [], 0
    while offset < len(payload):
        (length,) = struct.unpack_from(">I", payload, offset)
        parts.append(payload[offset + 4: offset + 4 + length])
        offset += 4 + length
    return parts
