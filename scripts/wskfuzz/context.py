"""A command's context: build.sh's parsed options, the repository and the output tree, and
build.sh's two ways of failing (one line on stderr, exit 2)."""
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional

from .targets import all_targets

USAGE_LINE = ("usage: ./build.sh [build|fuzz|triage|coverage|explore|merge|describe|encode|regress|init-ci|bench|test|deps|help]"
              " [options] (./build.sh help)")


class UsageError(SystemExit):
    """A bad command line: build.sh's line, its usage reminder, exit 2."""

    def __init__(self, message):
        print("build.sh: " + message, file=sys.stderr)
        print(USAGE_LINE, file=sys.stderr)
        super().__init__(2)


class Fatal(SystemExit):
    """A command that cannot go on: one line, exit 2."""

    def __init__(self, message):
        print("build.sh: " + message, file=sys.stderr)
        super().__init__(2)


@dataclass
class Context:
    root: Path
    out_dir: Path
    command: str
    engine: str = "libfuzzer"
    engine_set: bool = False
    client_paths: List[str] = field(default_factory=list)
    target_filter: Optional[str] = None
    time: Optional[int] = None
    jobs: int = 1
    corpus: Optional[str] = None
    depth: int = 1
    positional: List[str] = field(default_factory=list)
    regress_add: bool = False         # regress add FINDING-DIR
    regress_dir: Optional[str] = None  # regress --dir
    repo: Optional[str] = None         # init-ci --repo
    force: bool = False                # init-ci --force

    @property
    def targets(self):
        """The targets this command works on: --target's, or all of them."""
        return [self.target_filter] if self.target_filter else all_targets(self.root)

    def env(self, **extra):
        env = dict(os.environ, OUT_DIR=str(self.out_dir))
        env.update(extra)
        return env
