"""Which fuzz targets there are: the one place that knows."""
import re
from pathlib import Path

DEFAULT_TARGETS = ("fuzz_attach", "fuzz_lifecycle", "fuzz_wskreg")
_DEF_LINE = re.compile(r"^WSKFUZZ_TARGET\(\s*(\w+)")


def all_targets(root):
    """The targets named in fuzz/targets.def (lines `WSKFUZZ_TARGET(name, ...)`), in file order,
    or today's three when that file does not exist."""
    path = Path(root) / "fuzz" / "targets.def"
    if not path.is_file():
        return list(DEFAULT_TARGETS)
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _DEF_LINE.match(line)
        if m and m.group(1) not in names:
            names.append(m.group(1))
    return names
