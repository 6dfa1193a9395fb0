"""./build.sh bench: the performance figures, one line each (logs in $OUT_DIR/bench/):
  exec_ratio <target> <ratio> (<exec/s> vs <empty exec/s>)      libFuzzer, doc client
  exec_ratio_threads <target> <ratio> (<exec/s> vs <empty exec/s>)  libFuzzer, boot_thread_client
                                                                (the execution model's client)
  exec_cost <target> <ratio> (<ns> vs <empty ns> CPU per input)  libFuzzer, doc client: the same ratio
                                                                from CPU time, for comparing builds
  exec_cost_against <target> <ratio> (<ns> vs <empty ns> CPU per input) cost=<ours/theirs>
                                                                with BENCH_AGAINST=<another checkout>:
                                                                its build, in the same rounds
  switch <target> fiber_ns=<ns> inputs_per_s= switches_per_s= switches_per_input=
                                                                boot_thread_client: the price of one
                                                                thread switch, and the corpus replayed
  exec_ratio_afl <target> <ratio> (<exec/s> vs <empty exec/s>)  AFL++ (afl-fuzz -V, fuzzer_stats)
  detect <mutant> libfuzzer=<median s, 3 seeds> explore=<s> baseline=<median s> ratio=<baseline/ours>
         baseline_seeds=<found|missed>: whether the baseline finds it in the seed corpus itself
  detect_summary mutants=<n> libfuzzer_1s=<n> explore_1s=<n> ratio_10=<n>/<n whose baseline_seeds missed>
  rss <target> start=<MiB> warm=<MiB> end=<MiB> growth=<%>      one libFuzzer run of BENCH_RSS_SECONDS
  soak <client> <target> runs=<n> verdicts=<n>                  libFuzzer -runs=BENCH_SOAK_RUNS
  scaling <engine> jobs1=<exec/s> jobs2=<exec/s> ratio=<r>      libFuzzer -fork=N; AFL++ -M + -S
  jobs <fork|parallel> jobs1= jobs2= ratio= edges1= edges2= start1= start2=   --jobs modes (wskfuzz.jobs_bench)
Every figure comes from runs made the same way side by side, each engine run with the target's
.options and dictionary as `fuzz` passes them; on a machine shared with other work they are noisy.
It takes minutes; BENCH_PARTS="ratio cost afl switch detect rss soak scaling jobs" picks parts,
and BENCH_SECONDS (4), BENCH_ROUNDS (10), BENCH_COST_RUNS (2000000), BENCH_COST_ROUNDS (5),
BENCH_DETECT_CAP (20), BENCH_BASELINE_CAP (5), BENCH_RSS_SECONDS (60), BENCH_SOAK_RUNS (1000000),
BENCH_SCALE_SECONDS (20, also jobs) size them, and
BENCH_MUTANTS="a b" limits the detect lines to those mutants.
The baseline is the same target with WSKFUZZ_BASELINE_RANDOM_ALLOC_FAIL=6 (fuzz/play.c): 6% of the
allocations fail at random (Driver Verifier's low-resources default) and no status is injected."""
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from . import build, engines, jobs_bench, options
from .classify import classify, label
from .context import Fatal, UsageError
from .records import Client
from .supervisor import Supervisor, run

DOC = Client("doc_client", ("src/doc_client.c",))
THREADS = Client("boot_thread_client", ("src/boot_thread_client.c",))
BASELINE = {"WSKFUZZ_BASELINE_RANDOM_ALLOC_FAIL": "6"}
AFL_ENV = {"AFL_NO_UI": "1", "AFL_SKIP_CPUFREQ": "1", "AFL_NO_AFFINITY": "1", "AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES": "1"}


def setting(name, default):
    return int(os.environ.get(name) or default)


def part(name):
    return name in (os.environ.get("BENCH_PARTS") or "ratio cost afl switch detect rss soak scaling jobs").split()


def median(values):
    v = sorted(values)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


class Bench:
    def __init__(self, ctx):
        self.ctx = ctx
        self.work = ctx.out_dir / "bench"
        self.work.mkdir(parents=True, exist_ok=True)

    def bin(self, flavor, client, target):
        return str(self.ctx.out_dir / flavor / client / target)

    def fresh_corpus(self, target):
        """A fresh copy of a target's seed corpus: every run starts from the same inputs."""
        c = self.work / "c"
        shutil.rmtree(c, ignore_errors=True)
        c.mkdir(parents=True)
        seeds = Path("corpus", target)
        if seeds.is_dir():
            for f in seeds.iterdir():
                if f.is_file():
                    shutil.copyfile(f, c / f.name)
        if not any(c.iterdir()):
            (c / "zero").write_bytes(b"\0")
        return c

    def logged(self, log, cmd, timeout, env=None, cwd=None):
        """Run (in a group of its own, stopped on the time-out), output into LOG; the output."""
        _, text = run(cmd, timeout, env=dict(os.environ, **(env or {})), cwd=cwd)
        Path(log).write_text(text)
        return text

    # ---- exec/s ----
    def libfuzzer_eps(self, binary, target, secs, log):
        """libFuzzer for a fixed time from a fresh corpus copy, with the target's options as `fuzz`
        runs it (the empty target gets the same ones): its average exec/s."""
        c = self.fresh_corpus(target)
        text = self.logged(log, [binary, "-max_total_time=%d" % secs, "-timeout=10", "-print_final_stats=1",
                                 "-artifact_prefix=%s/" % self.work] + options.libfuzzer_flags(self.ctx.root, target)
                           + [str(c)], secs + 60)
        return engines.libfuzzer_final_stats(text).get("average_exec_per_sec", 0)

    def afl_eps(self, binary, target, secs, log):
        """AFL++ (one instance) for a fixed time: execs_done / run_time from its fuzzer_stats."""
        c = self.fresh_corpus(target)
        out = self.work / "afl-out"
        shutil.rmtree(out, ignore_errors=True)
        self.logged(log, ["afl-fuzz", "-i", str(c), "-o", str(out), "-V", str(secs), "-M", "main"]
                    + options.afl_flags(self.ctx.root, target) + ["--", binary],
                    secs + 60, env=AFL_ENV)
        return self.afl_stats_eps(out)

    @staticmethod
    def afl_stats_eps(out):
        return engines.afl_stats_eps([p.read_text() for p in sorted(Path(out).glob("*/fuzzer_stats"))])

    def exec_ratios(self, engine, tag, client="doc_client"):
        """The median of the rounds' own ratios (each round: the target, then the empty target,
        the same time each). The host moves exec/s by a third within a minute; a round's two runs
        see about the same machine, and the median drops the rounds where they did not."""
        rounds, secs = setting("BENCH_ROUNDS", 10), setting("BENCH_SECONDS", 4)
        eps_of = self.libfuzzer_eps if engine == "libfuzzer" else self.afl_eps
        for t in self.ctx.targets:
            total = empty = 0
            ratios = []
            for r in range(1, rounds + 1):
                a = eps_of(self.bin(engine, client, t), t, secs, self.work / ("%s-%s-%d.log" % (tag, t, r)))
                b = eps_of(self.bin(engine, "doc_client", "empty_target"), t, secs,
                           self.work / ("%s-empty-%s-%d.log" % (tag, t, r)))
                total, empty = total + a, empty + b
                ratios.append(float("%.3f" % (a / b if b else 0)))
            print("%s %s %.2f (%d vs %d)" % (tag, t, median(ratios), total // rounds, empty // rounds), flush=True)

    # ---- CPU time per input ----
    def libfuzzer_cpu_s(self, binary, target, runs, log, root=None):
        """CPU seconds (user + system) of libFuzzer doing RUNS runs from a fresh corpus copy, with
        a fixed seed and the target's options (those of the checkout ROOT, ours by default, run
        there): the same inputs in the same order every time."""
        c = self.fresh_corpus(target)
        root = root or self.ctx.root
        with open(log, "w") as err:
            p = subprocess.Popen([binary, "-runs=%d" % runs, "-seed=1", "-timeout=10",
                                  "-artifact_prefix=%s/" % self.work] + options.libfuzzer_flags(root, target)
                                 + [str(c)],
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, cwd=str(root))
            _, status, usage = os.wait4(p.pid, 0)
        if status:
            raise Fatal("%s stopped with status %d (log: %s)" % (binary, status, log))
        return usage.ru_utime + usage.ru_stime

    def cpu_ns_per_input(self, binary, target, runs, tag, root=None):
        """CPU ns per mutated input: a run of RUNS inputs less a run of none (start-up and the seed
        corpus), so neither weighs on the figure."""
        full = self.libfuzzer_cpu_s(binary, target, runs, self.work / ("%s-full.log" % tag), root)
        start = self.libfuzzer_cpu_s(binary, target, 0, self.work / ("%s-start.log" % tag), root)
        return max(full - start, 0) * 1e9 / runs

    def exec_costs(self, tag, client="doc_client"):
        """exec_ratio's figure from CPU time instead of wall time: a fixed count of inputs from a
        fixed seed, target then empty target, BENCH_COST_ROUNDS times; the median of the rounds'
        ratios. A host whose other guests take the CPU moves wall-time exec/s by a third within a
        minute; CPU time moves by a few percent (measured on this project's 2-core VM: three runs of
        the same target gave 844, 844 and 846 ns), so two builds can be told apart."""
        rounds, runs = setting("BENCH_COST_ROUNDS", 5), setting("BENCH_COST_RUNS", 2000000)
        other = against_root()
        for t in self.ctx.targets:
            mine, theirs = Costs(), Costs()
            for r in range(1, rounds + 1):
                mine.add(self.cpu_ns_per_input(self.bin("libfuzzer", client, t), t, runs, "%s-%s-%d" % (tag, t, r)),
                         self.cpu_ns_per_input(self.bin("libfuzzer", "doc_client", "empty_target"), t, runs,
                                               "%s-empty-%s-%d" % (tag, t, r)))
                if other:
                    # the other build in the same round, on our seeds, with its own options
                    bins = against_bins(other, client)
                    theirs.add(self.cpu_ns_per_input(str(bins / t), t, runs, "%s-against-%s-%d" % (tag, t, r), other),
                               self.cpu_ns_per_input(str(bins / "empty_target"), t, runs,
                                                     "%s-against-empty-%s-%d" % (tag, t, r), other))
            print("%s %s %s" % (tag, t, mine.line()), flush=True)
            if other:
                cost = median([a / b if b else 0 for a, b in zip(mine.target, theirs.target)])
                print("%s_against %s %s cost=%.3f" % (tag, t, theirs.line(), cost), flush=True)

    # ---- thread switches ----
    def switches(self):
        """The switch program (fuzz/bench_switch_main.c) of the thread client, per target: its
        own line, as it printed it."""
        rounds = setting("BENCH_SWITCH_ROUNDS", 200)
        for t in self.ctx.targets:
            inputs = sorted(str(f) for f in Path("corpus", t).iterdir() if f.is_file())
            text = self.logged(self.work / ("switch-%s.log" % t),
                               [self.bin("libfuzzer", THREADS.name, "bench_switch_main"), "--target", t, str(rounds)]
                               + inputs, 600)
            line = next((l for l in text.splitlines() if l.startswith("switch ")), None)
            if line is None:
                raise Fatal("the switch bench of %s failed (log: %s)" % (t, self.work / ("switch-%s.log" % t)))
            print(line, flush=True)

    # ---- time to detect ----
    def detect_run(self, log, cmd, timeout, env=None):
        """One detect command with a fresh scratch folder (its new/ for a corpus, the rest for
        artifacts) and no symbolizing of a crash report: its seconds would count as detection time."""
        scratch = self.work / "detect"
        shutil.rmtree(scratch, ignore_errors=True)
        (scratch / "new").mkdir(parents=True)
        env = dict(env or {})
        for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):
            env[k] = (os.environ[k] + ":" if os.environ.get(k) else "") + "symbolize=0"
        return self.logged(log, cmd, timeout, env=env)

    def detect_once(self, binary, target, expect, seed, cap, log, env):
        """Seconds ("%.2f") until libFuzzer (from the shipped corpus) reports EXPECT, or None."""
        scratch = self.work / "detect"
        t0 = time.monotonic()
        text = self.detect_run(log, [binary, "-seed=%d" % seed, "-max_total_time=%d" % cap, "-timeout=10",
                                     "-artifact_prefix=%s/" % scratch, str(scratch / "new"), "corpus/" + target],
                               cap + 30, env)
        return "%.2f" % (time.monotonic() - t0) if label(classify(text)) == expect else None

    def detect(self, binary, target, expect, cap, tag, env=None):
        """The median of three seeds, a miss counting as the cap; two misses decide it (">cap"),
        so the third is skipped."""
        times, misses = [], 0
        for seed in (1, 2, 3):
            r = self.detect_once(binary, target, expect, seed, cap, self.work / ("detect-%s-%d.log" % (tag, seed)), env)
            if r is None:
                misses += 1
                if misses >= 2:
                    return ">%d" % cap
            times.append(r or str(cap))
        return sorted(times, key=float)[1]

    def baseline_seeds(self, binary, target, expect):
        """Does the baseline find the mutant's bug in the seed corpus itself, before any mutation?
        Then both sides stop within the first pass over the seeds, at the start-up floor, and
        their ratio measures process start, not fault injection."""
        text = self.detect_run(self.work / "detect-seeds.log",
                               [binary, "-runs=0", "-artifact_prefix=%s/" % (self.work / "detect"), "corpus/" + target],
                               60, BASELINE)
        return "found" if label(classify(text)) == expect else "missed"

    def explore_seconds(self, name, target, expect):
        bases = sorted(str(f) for f in Path("corpus", target).iterdir() if f.is_file())
        p = subprocess.run([self.bin("libfuzzer", name, "explore_main"), "--target", target, "--client", name] + bases,
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        m = re.search(r"^  VIOLATION %s: .*first after ([0-9.]+) s" % re.escape(expect), p.stdout, re.M)
        return m.group(1) if m else None

    def detect_all(self):
        cap, bcap = setting("BENCH_DETECT_CAP", 20), setting("BENCH_BASELINE_CAP", 5)
        mutants = self.work / "mutants"
        names = (os.environ.get("BENCH_MUTANTS") or "").split()
        if subprocess.run([str(self.ctx.root / "scripts" / "write_mutants.sh"), str(mutants)] + names).returncode:
            raise Fatal("the mutants could not be written")
        sources = [mutants / (n + ".c") for n in names] if names else sorted(mutants.glob("*.c"))
        n = fast = ex_fast = far = far_10 = 0
        for src in sources:
            if not src.is_file():
                continue
            head = "\n".join(src.read_text().splitlines()[:8])
            field = {k: re.search(r"^[ /]*\*? *%s: *(\S+)" % k, head, re.M) for k in ("EXPECT", "TARGET")}
            if not all(field.values()):
                continue
            expect, target = field["EXPECT"].group(1), field["TARGET"].group(1)
            name = src.stem
            client = Client(name, (str(src),))
            build.build(self.ctx, ["libfuzzer"], client, [target])
            build.build_explore(self.ctx, "libfuzzer", client, self.ctx.targets)
            binary = self.bin("libfuzzer", name, target)
            ours = self.detect(binary, target, expect, cap, name)
            base = self.detect(binary, target, expect, bcap, name + "-baseline", BASELINE)
            ex = self.explore_seconds(name, target, expect)
            seeds = self.baseline_seeds(binary, target, expect)
            o, b = float(ours.lstrip(">")), float(base.lstrip(">"))
            ratio = "%s%.1f" % (">" if base.startswith(">") else "", b / o if o > 0 else 0)
            print("detect %s libfuzzer=%s explore=%s baseline=%s ratio=%s baseline_seeds=%s" % (
                name, ours, ex or "none", base, ratio, seeds), flush=True)
            n += 1
            fast += within(ours, 1)
            ex_fast += within(ex or ">1", 1)
            if seeds == "missed":
                far += 1
                far_10 += within("10", ratio.lstrip(">"))
        print("detect_summary mutants=%d libfuzzer_1s=%d explore_1s=%d ratio_10=%d/%d" % (n, fast, ex_fast, far_10, far),
              flush=True)

    # ---- memory ----
    def rss(self):
        secs = setting("BENCH_RSS_SECONDS", 60)
        self.libfuzzer_eps(self.bin("libfuzzer", "doc_client", "empty_target"), "fuzz_attach", secs,
                           self.work / "rss-empty.log")
        empty = rss_line("empty", (self.work / "rss-empty.log").read_text())
        for t in self.ctx.targets:
            log = self.work / ("rss-%s.log" % t)
            self.libfuzzer_eps(self.bin("libfuzzer", "doc_client", t), t, secs, log)
            print("%s (empty target: %s)" % (rss_line(t, log.read_text()), empty[len("rss empty "):]), flush=True)

    # ---- soak ----
    def soak(self, clients):
        runs = setting("BENCH_SOAK_RUNS", 1000000)
        found = re.compile(r"WSKFUZZ VIOLATION|ERROR: (Address|Leak|Memory)Sanitizer|runtime error:|ERROR: libFuzzer")
        for client in clients:
            for t in self.ctx.targets:
                c = self.fresh_corpus(t)
                text = self.logged(self.work / ("soak-%s-%s.log" % (client.name, t)),
                                   [self.bin("libfuzzer", client.name, t), "-runs=%d" % runs, "-timeout=10",
                                    "-print_final_stats=1", "-artifact_prefix=%s/soak-" % self.work, str(c)], 24 * 3600)
                executed = engines.libfuzzer_final_stats(text).get("number_of_executed_units", 0)
                verdicts = sum(1 for line in text.splitlines() if found.search(line))
                print("soak %s %s runs=%d verdicts=%d%s" % (client.name, t, executed, verdicts,
                                                            " (%s)" % label(classify(text)) if verdicts else ""),
                      flush=True)

    # ---- scaling ----
    def scaling(self):
        secs, t = setting("BENCH_SCALE_SECONDS", 20), "fuzz_attach"
        eps = {}
        for j in (1, 2):
            c = self.fresh_corpus(t)
            text = self.logged(self.work / ("scale-libfuzzer-%d.log" % j),
                               [self.bin("libfuzzer", "doc_client", t), "-fork=%d" % j, "-ignore_crashes=1",
                                "-max_total_time=%d" % secs, "-timeout=10", str(c)], secs + 60, cwd=str(self.work))
            # Fork mode's status lines give the executions of all jobs and the time so far.
            status = [p for p in map(engines.libfuzzer_status, text.splitlines()) if p]
            eps[j] = status[-1].eps if status else 0
        print_scaling("libfuzzer", eps)
        if not shutil.which("afl-fuzz"):
            return
        for j in (1, 2):
            out = self.work / ("afl-scale-%d" % j)
            shutil.rmtree(out, ignore_errors=True)
            c = self.fresh_corpus(t)
            with Supervisor() as sup:
                children = []
                for i in range(j):
                    role = ["-M", "main"] if i == 0 else ["-S", "s%d" % i]
                    children.append(sup.spawn(["afl-fuzz", "-i", str(c), "-o", str(out), "-V", str(secs)] + role +
                                              ["--", self.bin("afl", "doc_client", t)],
                                              log_path=str(self.work / ("scale-afl-%d-%d.log" % (j, i))),
                                              env=dict(os.environ, **AFL_ENV)))
                deadline = time.monotonic() + secs + 60
                while any(ch.running() for ch in children) and time.monotonic() < deadline:
                    time.sleep(0.5)
            eps[j] = self.afl_stats_eps(out)
        print_scaling("afl", eps)


def print_scaling(engine, eps):
    print("scaling %s jobs1=%d jobs2=%d ratio=%.2f" % (engine, eps[1], eps[2], eps[2] / eps[1] if eps[1] else 0),
          flush=True)


def within(a, b):
    """Is the figure A (seconds; ">cap" for a miss) at most B?"""
    return not str(a).startswith(">") and float(a) <= float(b)


def rss_line(target, text):
    """RSS from libFuzzer's status lines: at INITED (before any fuzzing), at the first line past
    2^20 runs ("warm": when ASan's quarantine and libFuzzer's tables have filled) and at the end.
    Growth is end against warm: what a long run keeps adding."""
    points = engines.libfuzzer_rss(text)
    if not points:
        return "rss %s start= warm= end= growth=0.0%%" % target
    first, last = points[0][1], points[-1][1]
    warm = next((v for runs, v in points if runs >= 1 << 20), first)
    growth = (last - warm) * 100 / warm if warm else 0
    return "rss %s start=%d warm=%d end=%d growth=%.1f%%" % (target, first, warm, last, growth)


class Costs:
    """One build's CPU ns per input over the rounds: its target's and the empty target's."""

    def __init__(self):
        self.target, self.empty = [], []

    def add(self, target_ns, empty_ns):
        self.target.append(target_ns)
        self.empty.append(empty_ns)

    def line(self):
        ratio = median([e / a if a else 0 for a, e in zip(self.target, self.empty)])
        return "%.2f (%.0f vs %.0f ns CPU per input)" % (ratio, median(self.target), median(self.empty))


def against_root():
    """BENCH_AGAINST: another checkout of wskfuzz whose libFuzzer build of the doc client the cost
    part runs in the same rounds (`BENCH_PARTS=none ./build.sh bench` there builds it): the one
    honest way to compare two versions on a host whose speed drifts within minutes."""
    value = os.environ.get("BENCH_AGAINST")
    return Path(value).resolve() if value else None


def against_bins(other, client):
    """Where the other checkout's libFuzzer build of a client is."""
    return other / "out" / "libfuzzer" / client


def check_against(ctx):
    other = against_root()
    if not other or not part("cost"):
        return
    bins = against_bins(other, DOC.name)
    missing = [n for n in ctx.targets + ["empty_target"] if not (bins / n).is_file()]
    if missing:
        raise Fatal("BENCH_AGAINST: %s has no %s (build it there: BENCH_PARTS=none ./build.sh bench)"
                    % (bins, missing[0]))


def main(ctx):
    if ctx.positional:
        raise UsageError("bench takes no file arguments")
    check_against(ctx)
    bench = Bench(ctx)
    print("bench: logs in %s; figures are noisy on a machine shared with other work" % bench.work, file=sys.stderr)
    # The doc client's targets and the empty target, built the same way, for both engines.
    engines_built = ["libfuzzer"] + (["afl"] if part("afl") or part("scaling") else [])
    build.build(ctx, engines_built, DOC, ctx.targets)
    build.build(ctx, engines_built, DOC, ["empty_target"])
    if part("ratio"):
        bench.exec_ratios("libfuzzer", "exec_ratio")
        # The execution model's client: what its threads cost, against the same empty target.
        build.build(ctx, ["libfuzzer"], THREADS, ctx.targets)
        bench.exec_ratios("libfuzzer", "exec_ratio_threads", THREADS.name)
    if part("cost"):
        bench.exec_costs("exec_cost")
    if part("switch"):
        build.build_bench_switch(ctx, "libfuzzer", THREADS)
        bench.switches()
    if part("afl"):
        bench.exec_ratios("afl", "exec_ratio_afl")
    if part("detect"):
        bench.detect_all()
    if part("rss"):
        bench.rss()
    if part("soak"):
        clients = build.client_specs(ctx, ctx.client_paths)
        for client in clients:
            build.build(ctx, ["libfuzzer"], client, ctx.targets)
        bench.soak(clients)
    if part("scaling"):
        bench.scaling()
    if part("jobs"):
        for text in jobs_bench.run_all(bench.bin("libfuzzer", "doc_client", "fuzz_attach"),
                                       lambda: bench.fresh_corpus("fuzz_attach"), setting("BENCH_SCALE_SECONDS", 20),
                                       bench.work):
            print(text, flush=True)
    return 0
