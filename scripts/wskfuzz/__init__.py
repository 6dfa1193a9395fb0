"""wskfuzz: the orchestration behind build.sh's fuzz, triage, merge, coverage, explore and bench.

Standard library only. build.sh parses the command line and builds (scripts/lib.sh knows the
flavors); this package runs the engines, triages, and writes the reports. Run its modules with
PYTHONPATH=scripts, e.g. `python3 -m wskfuzz.classify LOG`."""
