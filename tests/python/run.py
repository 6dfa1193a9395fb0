"""Run the package's unittest tests (tests/python/test_*.py), one line per test case:
"PASS <name>" or "FAIL <name>: <reason>" (tests/t_python.sh turns them into the runner's lines)."""
import sys
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent


class LineResult(unittest.TestResult):
    def name(self, test):
        return "python:" + test.id().replace("test_", "", 1).replace(".test_", ".")

    def addSuccess(self, test):
        super().addSuccess(test)
        print("PASS " + self.name(test), flush=True)

    def _bad(self, test, err):
        last = self._exc_info_to_string(err, test).strip().splitlines()[-1]
        print("FAIL %s: %s" % (self.name(test), last), flush=True)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._bad(test, err)

    def addError(self, test, err):
        super().addError(test, err)
        self._bad(test, err)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        print("PASS %s (skipped: %s)" % (self.name(test), reason), flush=True)


def main():
    suite = unittest.defaultTestLoader.discover(str(HERE), top_level_dir=str(HERE))
    result = LineResult()
    suite.run(result)
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
