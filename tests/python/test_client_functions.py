"""The function around a client line, read from the C source: comments, strings, directives,
initializers and prototypes are not functions; WDK-style heads span lines."""
import os
import tempfile
import unittest

from wskfuzz.client_functions import function_at, functions

SOURCE = """#include <ntddk.h>
#define BRACE_IN_MACRO {
static const int table[] __attribute__((aligned(8))) = { 1, 2 };   /* { not a body */
NTSTATUS Prototype(int a);
_IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS
First(
    _In_ int a
    )
{
    const char *s = "}";  // }
    if (a) {
        return 1;
    }
    return 0;
}

struct s { int x; };

static void Second(void) { }
"""


class Functions(unittest.TestCase):
    def test_bodies_only(self):
        self.assertEqual([f[0] for f in functions(SOURCE)], ["First", "Second"])

    def test_line_in_body(self):
        with tempfile.NamedTemporaryFile("w", suffix=".c", delete=False) as f:
            f.write(SOURCE)
        try:
            self.assertEqual(function_at(f.name, 13), "First")
            self.assertEqual(function_at(f.name, 20), "Second")
            self.assertIsNone(function_at(f.name, 18))   # the struct between them
            self.assertIsNone(function_at(f.name + ".gone", 13))
        finally:
            os.unlink(f.name)


if __name__ == "__main__":
    unittest.main()
