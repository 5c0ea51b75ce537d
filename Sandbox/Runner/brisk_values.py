"""Brisk's value encoding: typed JSON, safe to decode, exact for Python's plain data.

JSON carries None, bool, int (any size), str, finite float and list natively. Everything else
is a one-key object: {"$tuple": [...]}, {"$dict": [[key, value], ...]}, {"$set": [...]},
{"$frozenset": [...]}, {"$bytes": "<base64>"}, {"$bytearray": "<base64>"} and
{"$float": "nan" | "inf" | "-inf"}. A finite float always carries '.' or 'e' (Python's repr),
so 1 and 1.0 stay distinct. Set elements are sorted by their encoding, so equal sets encode
identically. Decoding builds fresh objects and never runs code (no pickle, no marshal).
"""
import binascii
import itertools
import math
import sys

from brisk_protocol import json_decoder, json_encoder

sys.set_int_max_str_digits(0)

_NONE = type(None)
_NATIVE = frozenset((int, str, bool, _NONE))
_FLOAT = {float}
_TUPLE = {tuple}
_dumps = json_encoder(allow_nan=False)


class EncodingError(TypeError):
    """A value Brisk's encoding cannot represent."""


def _float(value):
    if math.isfinite(value):
        return value
    return {"$float": "nan" if value != value else ("inf" if value > 0 else "-inf")}


def _items(values):
    """JSON form of a sequence's elements, at C speed when they are plain scalars."""
    types = set(map(type, values))
    if types <= _NATIVE:
        return values if type(values) is list else list(values)
    if types == _FLOAT and all(map(math.isfinite, values)):
        return values if type(values) is list else list(values)
    if types == _TUPLE and set(map(type, itertools.chain.from_iterable(values))) <= _NATIVE:
        return [{"$tuple": list(v)} for v in values]  # pairs and triples of plain scalars
    return [_json(v) for v in values]


def _json(value):
    kind = type(value)
    if kind in _NATIVE:
        return value
    if kind is float:
        return _float(value)
    if kind is list:
        return _items(value)
    if kind is tuple:
        return {"$tuple": _items(value)}
    if kind is dict:
        return {"$dict": [[_json(k), _json(v)] for k, v in value.items()]}
    if kind is set or kind is frozenset:
        elements = sorted((_json(v) for v in value), key=_dumps)
        return {"$set" if kind is set else "$frozenset": elements}
    if kind is bytes:
        return {"$bytes": binascii.b2a_base64(value, newline=False).decode("ascii")}
    if kind is bytearray:
        return {"$bytearray": binascii.b2a_base64(value, newline=False).decode("ascii")}
    # Subclasses of the plain types (an IntEnum, a namedtuple) encode as their base type.
    for base in (bool, int, float, str, tuple, list, dict, frozenset, set, bytes):
        if isinstance(value, base):
            return _json(base(value))
    raise EncodingError(f"cannot encode a value of type {kind.__name__}")


def encode(value):
    """The encoding of value, as bytes."""
    return _dumps(_json(value)).encode("ascii")


_TAGS = {
    "$tuple": tuple,
    "$set": set,
    "$frozenset": frozenset,
    "$dict": lambda pairs: {_hashable(k): v for k, v in pairs},
    "$bytes": lambda text: binascii.a2b_base64(text, strict_mode=True),
    "$bytearray": lambda text: bytearray(binascii.a2b_base64(text, strict_mode=True)),
    "$float": lambda text: {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}[text],
}


def _hashable(key):
    if isinstance(key, list):
        raise ValueError("a dict key cannot be a list")
    return key


def _tagged(obj):
    if len(obj) != 1:
        raise ValueError(f"not a Brisk value: object with keys {sorted(obj)}")
    (tag, content), = obj.items()
    build = _TAGS.get(tag)
    if build is None:
        raise ValueError(f"not a Brisk value: unknown tag {tag!r}")
    if tag in ("$tuple", "$set", "$frozenset", "$dict") and not isinstance(content, list):
        raise ValueError(f"{tag} must hold a list")
    return build(content)


def _reject_constant(name):
    raise ValueError(f"not a Brisk value: bare {name}")


_loads = json_decoder(object_hook=_tagged, parse_constant=_reject_constant)


def decode(data):
    """The value encoded in data (bytes or str). Raises ValueError on anything malformed."""
    try:
        return _loads(data)
    except (TypeError, KeyError, RecursionError) as error:
        raise ValueError(f"not a Brisk value: {error}") from None


def equal(a, b):
    """Python's == on decoded values, except that NaN equals NaN and containers must be of
    the same kind (a list never equals a tuple; 1 == 1.0 == True as in Python)."""
    if type(a) is float and type(b) is float and a != a and b != b:
        return True
    if isinstance(a, (list, tuple)) or isinstance(b, (list, tuple)):
        return (type(a) is type(b) and len(a) == len(b)
                and all(map(equal, a, b)))
    if isinstance(a, dict) or isinstance(b, dict):
        return (type(a) is type(b) and a.keys() == b.keys()
                and all(equal(a[k], b[k]) for k in a))
    try:
        return bool(a == b)
    except Exception:
        return False
