"""The records passed between the steps: a client, a run's description, a crash file, a finding.

They cross a process boundary as JSON (to_json / from_json), never as strings to split. The one
exception is the client spec "name|src1 src2" that scripts/lib.sh prints and `fuzz` notes in
$OUT_DIR/crashes/<client>/.client: Client.from_spec reads it, Client.spec writes it."""
import os
from dataclasses import asdict, dataclass, field, fields
from typing import List, Optional


@dataclass(frozen=True)
class Client:
    """A WSK client under test: a name and its C sources (paths relative to the repository or absolute)."""
    name: str
    sources: tuple

    @classmethod
    def from_spec(cls, spec):
        name, _, srcs = spec.strip().partition("|")
        return cls(name, tuple(srcs.split()))

    def spec(self):
        return "%s|%s" % (self.name, " ".join(self.sources))

    @classmethod
    def from_json(cls, d):
        return cls(d["name"], tuple(d["sources"]))

    def to_json(self):
        return {"name": self.name, "sources": list(self.sources)}


@dataclass
class RunInfo:
    """How a report came about: findings.json's "run" object (docs/findings-schema.md)."""
    command: str
    command_line: str
    engine: Optional[str] = None
    time_budget_seconds: Optional[int] = None
    jobs: Optional[int] = None
    clients: List[str] = field(default_factory=list)
    targets: List[str] = field(default_factory=list)
    interrupted: bool = False
    # The routines not modeled that the run met (wskfuzz.not_modeled); findings.json has them at its top level.
    not_modeled: List[dict] = field(default_factory=list)

    def to_json(self):
        return asdict(self)

    @classmethod
    def from_json(cls, d):
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


@dataclass
class CrashFile:
    """One input to triage, with what replays it: the standalone reproducer and the libFuzzer
    build (ASan + UBSan; None when there is none)."""
    path: str
    client: Client
    target: str
    standalone: str
    sanitizer: Optional[str] = None

    def to_json(self):
        return {"path": self.path, "client": self.client.to_json(), "target": self.target,
                "standalone": self.standalone, "sanitizer": self.sanitizer}

    @classmethod
    def from_json(cls, d):
        return cls(d["path"], Client.from_json(d["client"]), d["target"], d["standalone"], d.get("sanitizer"))

    def size(self):
        return os.path.getsize(self.path)


@dataclass
class Finding:
    """One bucket of the report: findings.json's finding object (docs/findings-schema.md)."""
    bucket: str
    kind: str
    id: str
    crash_type: Optional[str]
    frames: List[str]
    rule: Optional[str]
    doc_page: Optional[str]
    doc_url: Optional[str]
    message: str
    client: str
    target: str
    targets: List[str]
    count: int
    location: Optional[dict]
    reproducer: str
    minimized: bool
    minimize_note: str
    reproducer_size: int
    original: str
    original_size: int
    crash_files: List[str]
    scenario: str
    output: str
    first_seen: str
    reproduce: str
    client_sources: List[str]
    scenario_text: str
    trace_text: str
    sanitizer_text: str

    def to_json(self):
        return asdict(self)
