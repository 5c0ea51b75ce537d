"""Framing shared by Brisk's trusted Python processes and the Swift harness.

A frame is a 8-byte header (two big-endian uint32: the JSON header's length, the payload's
length), a UTF-8 JSON object, then the payload bytes. Payloads carry encoded values and code.

JSON goes through `_json`, the C half of the `json` package, directly: `json` imports `re`
(and with it `enum`, `functools`, `collections`), which took about 7 ms of every runner's
start and made every runner, and so every fork, larger. Same encoder and scanner, same output.
"""
import _json
import os
import struct

_HEADER = struct.Struct(">II")


def _unencodable(value):
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def json_encoder(allow_nan=True):
    """A function from a value to compact ASCII JSON text (`json.dumps` with separators
    (",", ":")), as the C encoder `json.dumps` itself uses."""
    encoder = _json.make_encoder({}, _unencodable, _json.encode_basestring_ascii, None, ":", ",",
                                 False, False, allow_nan)
    return lambda value: "".join(encoder(value, 0))


class _Scanning:
    """What the C scanner reads from a `json.JSONDecoder`."""

    strict = True
    object_pairs_hook = None
    parse_float = float
    parse_int = int

    def __init__(self, object_hook, parse_constant):
        self.object_hook = object_hook
        self.parse_constant = parse_constant


def json_decoder(object_hook=None, parse_constant=float):
    """A function from JSON text to its value (`json.loads` with these hooks). Raises
    ValueError on anything that is not exactly one JSON value."""
    scan = _json.make_scanner(_Scanning(object_hook, parse_constant))

    def decode(text):
        if type(text) is not str:
            text = bytes(text).decode("utf-8")
        start = len(text) - len(text.lstrip(" \t\n\r"))
        try:
            value, end = scan(text, start)
        except StopIteration as stop:
            raise ValueError(f"expecting a JSON value at character {stop.value}") from None
        except SystemError:
            # The C scanner reports a missing delimiter through json.decoder's exception,
            # looked up in sys.modules without importing it: not loaded here, so it fails
            # without one. Text a sample's output can be, so never a runner's crash.
            raise ValueError("malformed JSON: a delimiter is missing") from None
        if text[end:].strip(" \t\n\r"):
            raise ValueError(f"extra data at character {end}")
        return value
    return decode


_dumps = json_encoder()
_loads = json_decoder()


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


def parse_header(text):
    """A frame's JSON header, from its bytes."""
    return _loads(text)


def read_frame(fd):
    header_length, payload_length = _HEADER.unpack(read_exactly(fd, 8))
    header = parse_header(read_exactly(fd, header_length))
    return header, read_exactly(fd, payload_length)


def write_frame(fd, header, payload=b""):
    text = _dumps(header).encode()
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


def traceback_from(error, files):
    """An error's traceback from its first frame in one of `files` (the author's code), for
    messages: the frames of Brisk's own scripts before it say nothing to the author. With no
    such frame, the error alone. The runner loads `traceback` with its first solution
    (brisk_runner.preload_error_path); other callers import it here, on the error path.
    """
    import traceback
    frames = error.__traceback__
    while frames is not None and frames.tb_frame.f_code.co_filename not in files:
        frames = frames.tb_next
    return "".join(traceback.format_exception(type(error), error, frames))
