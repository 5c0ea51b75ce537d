"""Tests of the judge (Sandbox/Runner/brisk_judge.py), driven in-process."""
import math
import os
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                "Sandbox", "Runner"))
import brisk_judge  # noqa: E402
import brisk_protocol as protocol  # noqa: E402
import brisk_values as values  # noqa: E402

# ENAMEL's checker for HumanEval/21 (rescale_to_unit), in the shape Brisk imports it.
TOLERANCE_CHECKER = ("def check(args, expected, output):\n"
                     "    return max(abs(a - b) for a, b in zip(expected, output)) < 1e-4\n")


class NaNTests(unittest.TestCase):
    def judged(self, expected, output, source=TOLERANCE_CHECKER):
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as checker:
            checker.write(source)
        self.addCleanup(os.unlink, checker.name)
        judge = brisk_judge.Judge()
        judge.set_checker({"kind": "custom", "path": checker.name})
        payload = protocol.pack_parts(values.encode([[1.0, 2.0, 3.0]]), values.encode(expected),
                                      values.encode(output))
        return judge.check(payload)

    def test_a_nan_the_expected_answer_lacks_fails_before_the_checker(self):
        # max() never takes a NaN over a number: the checker alone accepted [0.0, nan, nan].
        reply = self.judged([0.0, 0.5, 1.0], [0.0, math.nan, math.nan])
        self.assertFalse(reply["accepted"])
        self.assertIn("the output holds NaN, where the expected answer holds none", reply["reason"])
        self.assertTrue(self.judged([0.0, 0.5, 1.0], [0.0, 0.5, 1.00001])["accepted"])

    def test_a_nan_where_the_expected_answer_has_one_is_the_checkers_to_judge(self):
        accept = "def check(args, expected, output):\n    return True\n"
        self.assertTrue(self.judged([math.nan], [math.nan], accept)["accepted"])

    def test_a_string_that_reads_like_an_encoded_nan_is_not_one(self):
        accept = "def check(args, expected, output):\n    return True\n"
        self.assertTrue(self.judged(["x"], ['{"$float":"nan"}'], accept)["accepted"])


if __name__ == "__main__":
    unittest.main()
