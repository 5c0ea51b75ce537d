"""Tests of Brisk's typed value encoding and its checkers (Sandbox/Runner)."""
import math
import os
import random
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # no __pycache__ among the package's resources
RUNNER = os.path.join(os.path.dirname(__file__), "..", "..", "Sandbox", "Runner")
sys.path.insert(0, RUNNER)

import brisk_judge  # noqa: E402
import brisk_protocol as protocol  # noqa: E402
import brisk_values as values  # noqa: E402


def same(a, b):
    """Exact identity of decoded values: types, float bits, container kinds, dict order."""
    if type(a) is not type(b):
        return False
    if type(a) is float:
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    if type(a) in (list, tuple):
        return len(a) == len(b) and all(map(same, a, b))
    if type(a) is dict:
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return a == b


def random_value(rng, depth=0):
    kinds = ["int", "big", "float", "special", "str", "bytes", "bool", "none"]
    if depth < 3:
        kinds += ["list", "tuple", "dict", "set", "frozenset"]
    kind = rng.choice(kinds)
    if kind == "int":
        return rng.randint(-10**6, 10**6)
    if kind == "big":
        return rng.choice([-1, 1]) * rng.getrandbits(rng.randint(64, 20000))
    if kind == "float":
        return rng.choice([rng.uniform(-1e300, 1e300), rng.random(), 5e-324, -0.0, 1.0, 1e16])
    if kind == "special":
        return rng.choice([math.inf, -math.inf, math.nan])
    if kind == "str":
        return "".join(chr(rng.choice([rng.randint(32, 126), rng.randint(0, 0x10FFFF)]))
                       for _ in range(rng.randint(0, 12)))
    if kind == "bytes":
        return bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 12)))
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "none":
        return None
    items = [random_value(rng, depth + 1) for _ in range(rng.randint(0, 5))]
    if kind == "list":
        return items
    if kind == "tuple":
        return tuple(items)
    hashable = [v for v in items if not isinstance(v, (list, dict, set)) and not
                (isinstance(v, tuple) and any(isinstance(x, (list, dict, set)) for x in v))]
    if kind == "dict":
        return {k: random_value(rng, depth + 1) for k in hashable}
    hashable = [v for v in hashable if not (type(v) is float and math.isnan(v))]
    return set(hashable) if kind == "set" else frozenset(hashable)


class RoundTrip(unittest.TestCase):
    def test_specific_values(self):
        cases = [
            0, -1, 2**4000 + 1, -(10**5000), 1.0, -0.0, 0.1, 1e-320, math.inf, -math.inf,
            "", "naïve \u2603 \ud800", b"\x00\xff", bytearray(b"ab"), True, False, None,
            [], (), {}, set(), frozenset(), [1, 1.0, True], (1, (2, (3,))),
            {1: "a", "1": "b", (1, 2): [3], None: 0, 2.5: {}}, {frozenset({1, 2}), (3, 4)},
        ]
        for value in cases:
            with self.subTest(value=repr(value)[:60]):
                self.assertTrue(same(values.decode(values.encode(value)), value))

    def test_nan(self):
        self.assertTrue(math.isnan(values.decode(values.encode(math.nan))))

    def test_random_values(self):
        rng = random.Random(2024)
        for _ in range(3000):
            value = random_value(rng)
            self.assertTrue(same(values.decode(values.encode(value)), value), repr(value)[:200])

    def test_one_and_one_point_zero_differ(self):
        self.assertEqual(type(values.decode(values.encode(1))), int)
        self.assertEqual(type(values.decode(values.encode(1.0))), float)
        self.assertEqual(type(values.decode(values.encode(True))), bool)

    def test_equal_sets_encode_identically(self):
        a = set(range(1000))
        b = set(reversed(range(1000)))
        self.assertEqual(values.encode(a), values.encode(b))

    def test_fast_path_keeps_types(self):
        self.assertEqual(values.encode([1, 2, 3]), b"[1,2,3]")
        self.assertEqual(values.encode((1, "a")), b'{"$tuple":[1,"a"]}')
        self.assertEqual(values.decode(values.encode([1.5, math.inf])), [1.5, math.inf])

    def test_unsupported_types_are_refused(self):
        for value in [object(), 1j, [lambda: 0], range(3)]:
            with self.assertRaises(values.EncodingError):
                values.encode(value)

    def test_subclasses_encode_as_their_base(self):
        import collections
        Point = collections.namedtuple("Point", "x y")
        self.assertEqual(values.decode(values.encode(Point(1, 2))), (1, 2))


class Decoding(unittest.TestCase):
    def test_malformed_input_is_a_value_error(self):
        for text in ['{"a": 1}', '{"$tuple": 1}', '{"$float": "zero"}', "NaN", "[1,",
                     '{"$dict": [[[1], 2]]}', '{"$bytes": "!!"}', '{"$x": []}', "[" * 100000]:
            with self.subTest(text=text[:20]):
                with self.assertRaises(ValueError):
                    values.decode(text)


class StandardJSON(unittest.TestCase):
    """brisk_protocol's JSON, made from `_json` without importing `json`, against `json`."""

    def test_encoding_matches_json_dumps(self):
        import json
        rng = random.Random(7)
        encode = protocol.json_encoder()
        cases = [{"op": "run", "cpu_ms": 12, "ok": True, "message": None, "x": [1.5, -0.0, 1e300]},
                 "naïve \u2603 \ud800", [], {}, 2**200, math.inf, [[{"a": [None]}]]]
        cases += [values._json(random_value(rng)) for _ in range(500)]
        for value in cases:
            self.assertEqual(encode(value), json.dumps(value, separators=(",", ":")))
        with self.assertRaises(ValueError):
            protocol.json_encoder(allow_nan=False)(math.nan)
        with self.assertRaises(TypeError):
            encode(object())

    def test_decoding_matches_json_loads(self):
        import json
        decode = protocol.json_decoder()
        for text in ['{"a":[1,2.5,"\\u00e9",null,true]}', ' \n[1, {"b": {}}]\t', '"x"', "-0.0",
                     "NaN", "1e400", b'{"op":"load"}']:
            self.assertEqual(repr(decode(text)), repr(json.loads(text)))
        for text in ["", "[1] [2]", "[1,", "{'a': 1}", "\x00", '"\x01"', b"\xff"]:
            with self.subTest(text=text):
                with self.assertRaises(ValueError):
                    decode(text)

    def test_a_missing_delimiter_is_a_value_error_where_json_is_not_loaded(self):
        # The C scanner raises through json.decoder, looked up without an import: in a runner
        # (which never loads json) a sample's output "[1 2]" was a SystemError, and the judge
        # stopped on it, leaving the sample unmeasurable on every rerun.
        import subprocess
        program = (
            "import sys; sys.path.insert(0, sys.argv[1]); import brisk_values as values\n"
            "assert 'json.decoder' not in sys.modules\n"
            "for text in ['[1 2]', '[[1],1', '{\"a\" 1}', '{\"a\":1 \"b\":2}', '\"abc']:\n"
            "    try:\n"
            "        values.decode(text)\n"
            "    except ValueError as error:\n"
            "        print(error)\n")
        run = subprocess.run([sys.executable, "-I", "-c", program, RUNNER], capture_output=True,
                             text=True)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(run.stdout.splitlines(), ["malformed JSON: a delimiter is missing"] * 5)


class Checkers(unittest.TestCase):
    def test_equal_follows_python_but_keeps_container_kinds(self):
        self.assertTrue(values.equal(1, 1.0))
        self.assertTrue(values.equal(math.nan, math.nan))
        self.assertTrue(values.equal([math.nan, 1], [math.nan, 1]))
        self.assertFalse(values.equal([1, 2], (1, 2)))
        self.assertTrue(values.equal({"a": [1]}, {"a": [1.0]}))
        self.assertFalse(values.equal({"a": 1}, {"b": 1}))

    def test_float_tolerance(self):
        self.assertTrue(brisk_judge.close([1.0, 2.0], [1.0 + 1e-12, 2.0], 1e-9))
        self.assertFalse(brisk_judge.close([1.0], [1.001], 1e-9))
        self.assertTrue(brisk_judge.close(3, 3, 1e-9))
        self.assertFalse(brisk_judge.close(3, 4, 0.5))

    def test_unordered(self):
        self.assertTrue(brisk_judge.unordered([[1, 2], [3]], [[3], [1, 2]]))
        self.assertFalse(brisk_judge.unordered([1, 1, 2], [1, 2, 2]))
        self.assertFalse(brisk_judge.unordered([1, 2], (2, 1)))


class Reasons(unittest.TestCase):
    """A rejection says what differs and on which arguments, cut short."""

    def reason(self, expected, output, arguments=(1,), **checker):
        judge = brisk_judge.Judge()
        judge.set_checker({"kind": "exact", **checker})
        reply = judge.check(protocol.pack_parts(
            values.encode(list(arguments)), values.encode(expected), values.encode(output)))
        self.assertFalse(reply["accepted"])
        return reply["reason"]

    def test_the_values_and_the_arguments(self):
        self.assertEqual(self.reason(42, 41, (3, [1, 2])),
                         "wrong answer: expected 42, got 41\narguments: 3, [1, 2]")

    def test_the_first_difference_in_nested_containers(self):
        self.assertEqual(self.reason([[1, 2], [3, 4]], [[1, 2], [3, 5]]),
                         "wrong answer: first difference at [1][1]: expected 4, got 5\n"
                         "arguments: 1")
        self.assertIn("first difference at ['a'][1]: expected 2, got 3",
                      self.reason({"a": [1, 2]}, {"a": [1, 3]}))
        self.assertIn("first difference at [1]: expected 2 items, got 1",
                      self.reason([[1, 2], [3, 4]], [[1, 2], [3]]))

    def test_types_are_named_when_the_texts_look_alike(self):
        self.assertIn("expected [1, 2] (list), got (1, 2) (tuple)", self.reason([1, 2], (1, 2)))

    def test_a_stress_sized_value_is_cut_short(self):
        size = 200_000
        reason = self.reason(list(range(size)), list(range(17)) + [-1] + list(range(18, size)),
                             (list(range(size)),))
        self.assertEqual(reason, "wrong answer: first difference at [17]: expected 17, got -1\n"
                         "arguments: [0, 1, 2, 3, 4, 5, 6, 7, ...]")
        self.assertLess(len(self.reason("a" * 10_000, "b")), 300)

    def test_tolerance_and_order_are_the_checkers(self):
        self.assertIn("first difference at [2]: expected 3.0, got 3.5",
                      self.reason([1.0, 2.0, 3.0], [1.0, 2.0000000001, 3.5], kind="float",
                                  tolerance=1e-6))
        self.assertIn("in any order, 1 missing (e.g. 1); 1 unexpected (e.g. 2)",
                      self.reason([1, 1, 2, 3], [3, 2, 2, 1], kind="unordered"))

    def test_a_custom_checkers_message_is_kept(self):
        with tempfile.NamedTemporaryFile("w", suffix=".py") as checker:
            checker.write("def check(args, expected, output):\n"
                          "    assert output % 2 == 0, f'{output} is odd'\n    return True\n")
            checker.flush()
            self.assertEqual(self.reason(4, 3, (2,), kind="custom", path=checker.name),
                             "wrong answer: 3 is odd\narguments: 2")
            checker.seek(0)
            checker.write("def check(args, expected, output):\n    return False\n")
            checker.truncate()
            checker.flush()
            self.assertEqual(self.reason(4, 6, (2,), kind="custom", path=checker.name),
                             "wrong answer: the checker rejected 6; the expert's answer is 4\n"
                             "arguments: 2")

    def test_a_checker_must_answer_true_or_false(self):
        with tempfile.NamedTemporaryFile("w", suffix=".py") as checker:
            checker.write("def check(args, expected, output):\n    expected == output\n")
            checker.flush()
            self.assertIn("the checker returned None, not True or False",
                          self.reason(4, 4, kind="custom", path=checker.name))
            checker.seek(0)
            checker.write("def check(args, expected, output):\n    return 'no'\n")
            checker.truncate()
            checker.flush()
            self.assertIn("the checker returned 'no' (str), not True or False",
                          self.reason(4, 4, kind="custom", path=checker.name))

    def test_a_checker_that_fails_is_quoted_from_its_own_lines(self):
        with tempfile.NamedTemporaryFile("w", suffix=".py") as checker:
            checker.write("def check(args, expected, output):\n    return args[5] == 1\n")
            checker.flush()
            reason = self.reason(4, 4, kind="custom", path=checker.name)
            self.assertNotIn("brisk_judge", reason)
            self.assertIn(f'File "{checker.name}", line 2, in check', reason)
            self.assertTrue(reason.endswith("IndexError: list index out of range"))
            checker.seek(0)
            checker.write("def chek(args, expected, output):\n    return True\n")
            checker.truncate()
            checker.flush()
            with self.assertRaises(brisk_judge.CheckerError) as raised:
                brisk_judge.Judge().set_checker({"kind": "custom", "path": checker.name})
            self.assertEqual(str(raised.exception),
                             f"{checker.name} defines no function check(args, expected, output)")


if __name__ == "__main__":
    unittest.main()
