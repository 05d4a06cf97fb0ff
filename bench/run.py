#!/usr/bin/env python3
"""Time cswm on synthetic repositories and print the table of docs/performance.md.

    bench/run.py                      # the issue's table: N = 1,000 / 10,000 / 50,000, 5 runs
    bench/run.py --quick              # a look in about a minute: N = 1,000, 1 run, no bundle
    bench/run.py --sizes 10000 --runs 3 --commands trace,status
    bench/run.py --output table.md --json table.json

For each size N it makes a repository of N documents and M = 5 x N commits with
bench/generate.py (seed --seed), once: it is kept in --work and reused while the
generator, N, M and the seed are the same (a `.stamp` file beside it says which); a
repository that is missing, half-made or from another generator is made again. The same
N, M and seed give the same files and the same commit SHAs on every machine.

Then it times each row --warmup times untimed (a warm file cache, as the issue asks) and
--runs times, and reports the median wall time, the median CPU time (user + system, the
process and its children) and the peak resident memory of:

  cat       reading every document file (`find maint -name '*.yaml' | xargs cat`): the floor
  pyyaml    PyYAML's C loader loading every document (yaml.load(..., Loader=CSafeLoader)),
            no validation: the reference of the issue's "3 x faster" target
  check     cswm check, cold (CSWM_NO_CACHE=1: the warm cache neither read nor written)
  check (warm)         cswm check with nothing changed since the last run (served from
                       the cache in .git/cswm/)
  check (one changed)  cswm check after the title of one document changed
                       (a new title before every run; the document is restored afterwards):
                       prose, which only that document's own rules read
  check (status changed)
                       the same with the document's status (an anomaly record's), which the
                       rules across documents but git's read: they run again over the
                       documents as the cache keeps them
  check (fix signed off)
                       the same with the status of the first fix confirmation (closed and
                       draft in turn), which the git rules read of that fix alone: its git
                       rules run again too
  check (statement changed)
                       the same with the statement of the first SRS's first requirement,
                       which the suspect-link rule reads with every approved quality spec:
                       it runs again from the approvals the cache stored
  check (ID changed)   the same with the first SRS's ID (its own and another in turn), which
                       links, Refs: trailers and the suspect-link rule name: the tree rules,
                       and the trailer and suspect rules from the stored history, run again
  trace     cswm trace --format json
  status    cswm status
  bundle    cswm bundle --rev HEAD -o WORK/bundle-N.tar.gz (arguments from $CSWM_BUNDLE_ARGS)
  render    cswm render --all -o WORK/render-N (only when asked: --commands ...,render)

Rows of commands the binary lacks are named and skipped. The end of the output compares
the numbers with the targets of issue 8 (met / NOT met), and says how loaded the machine
was: on a shared machine wall times measure the neighbours, read the CPU column.

The repositories are the benchmark's own: `check (warm)` writes the cache into their
.git/, the `check (… changed)` rows edit and restore one document.
Point --work at a folder of your own (or $CSWM_BENCH_DIR) to keep a shared copy untouched.

Needs python3, git, a release build (`cmake --preset release && cmake --build
build/release`) and, for the PyYAML row, python3-yaml built with libyaml (Debian:
`apt-get install python3-yaml`); without it that row is skipped and said so.
"""

import argparse
import hashlib
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

PYYAML = r"""
import os, sys, yaml
loader = yaml.CSafeLoader
count = 0
for folder, dirs, files in os.walk("maint"):
    for name in files:
        if name.endswith(".yaml"):
            with open(os.path.join(folder, name), "rb") as f:
                yaml.load(f, Loader=loader)
            count += 1
print(count)
"""

# Every row, in the order of the table. `needs` is the cswm command the row runs.
ROWS = ["cat", "pyyaml", "check", "check (warm)", "check (one changed)", "check (status changed)",
        "check (fix signed off)", "check (statement changed)", "check (ID changed)", "trace", "status", "bundle",
        "render"]
COMMANDS = ["check", "trace", "status", "bundle", "render"]
DEFAULT_COMMANDS = "check,trace,status,bundle"

# Issue 8's targets: (row, N, what, limit). Wall seconds unless said otherwise.
TARGETS = [
    ("check", 10000, "wall", 1.5),
    ("check", 10000, "rss", 300),
    ("check (warm)", 10000, "wall", 0.3),
    ("check (one changed)", 10000, "wall", 0.15),
    ("check (status changed)", 10000, "wall", 0.15),
    ("check (fix signed off)", 10000, "wall", 0.15),
    ("check (statement changed)", 10000, "wall", 0.15),
    ("check (ID changed)", 10000, "wall", 0.15),
    ("trace", 10000, "wall", 1.5),
    ("status", 10000, "wall", 1.5),
    ("bundle", 10000, "wall", 15),
]
LINEAR = ["check", "trace", "status", "bundle"]  # N = 50,000 at most 5.5 x N = 10,000


def machine():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    ram = "unknown"
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            ram = f"{kb / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{cpus} CPUs ({model}), {ram} RAM, {platform.platform()}"


def load_average():
    try:
        return "{:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
    except OSError:
        return "unknown"


def run_once(argv, cwd, env=None):
    """Wall seconds, CPU seconds (user + system) and peak RSS in MB of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # stderr is read after the exit: keep it small (cswm writes little there).
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code, err


def measure(argv, cwd, runs, warmup, ok_codes=(0,), env=None, before=None):
    """Medians of `runs` timed runs after `warmup` untimed ones; (result, error)."""
    walls, cpus, peak = [], [], 0.0
    for index in range(warmup + runs):
        if before:
            before()
        wall, cpu, rss, code, err = run_once(argv, cwd, env)
        if code not in ok_codes:
            return None, f"exit {code}: {err.strip()[:300]}"
        if index >= warmup:
            walls.append(wall)
            cpus.append(cpu)
            peak = max(peak, rss)
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus), "rss": peak, "min": min(walls),
            "max": max(walls), "runs": runs}, None


def first_document(repo, kind=None):
    """The first document file in path order, or the first of the folder of `kind`."""
    root = os.path.join(repo, "maint", kind) if kind else os.path.join(repo, "maint")
    for folder, dirs, files in sorted(os.walk(root)):
        dirs.sort()
        names = sorted(f for f in files if f.endswith(".yaml"))
        if names:
            return os.path.join(folder, names[0])
    return None


def measure_one_changed(argv, repo, runs, warmup, ok, field, kind=None):
    """check after one document changed: before each run (outside the timed process) the
    first document's `field` gets a new value; the file is put back at the end.

    `title` is prose: no rule across documents reads it, so the cache checks that document
    alone and keeps the others' findings (docs/cache.md). An anomaly record's `status` is
    read by the rules across documents but not by the git rules: those run again over the
    stored views. A fix's `status` (signed off or not) is read by the git rules of that fix
    alone: those run again too, for that fix. An SRS's first requirement `statement` and an
    SRS's `id` are read by the git rules across documents (the suspect-link rule, and for
    an ID the trailer rule and the fixes' reports): those run again from the history the
    cache stored."""
    document = first_document(repo, kind)
    if document is None:
        return None, "no document to change"
    with open(document, "rb") as f:
        original = f.read()
    counter = [0]

    lines = original.split(b"\n")
    prefix = field.encode() + b":"
    at = next((i for i, line in enumerate(lines) if line.lstrip().startswith(prefix)), None)
    if at is None:
        return None, f"{document} has no {field}: line to change"

    def touch():
        counter[0] += 1
        changed = list(lines)
        indent = lines[at][:len(lines[at]) - len(lines[at].lstrip())].decode()
        own = lines[at].split(b":", 1)[1].strip().decode()
        if field == "status":
            # Between the document's own status and draft, both valid for every kind.
            value = "draft" if counter[0] % 2 else own
        elif field == "id":
            # Between its own ID and another of the same form (SRS-001, SRS-0019).
            value = own + "9" if counter[0] % 2 else own
        else:
            value = f"cswm bench edit {time.time_ns()} {counter[0]}"
        changed[at] = f"{indent}{field}: {value}".encode()
        with open(document, "wb") as f:
            f.write(b"\n".join(changed))

    try:
        return measure(argv, repo, runs, warmup, ok, before=touch)
    finally:
        with open(document, "wb") as f:
            f.write(original)


def has_command(cswm, name):
    probe = subprocess.run([cswm, name, "--help"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return probe.returncode == 0


def generator_stamp(n, m, seed):
    with open(os.path.join(HERE, "generate.py"), "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:16]
    return f"{digest} {n} {m} {seed}"


def repository(work, n, seed):
    """The benchmark repository of size n in `work`: reused when its stamp says the same
    generator, N, M and seed made it; made (again) otherwise."""
    m = 5 * n
    path = os.path.join(work, f"repo-{n}-{seed}")
    stamp_file = path + ".stamp"
    stamp = generator_stamp(n, m, seed)
    if os.path.isdir(path) and os.path.exists(stamp_file):
        with open(stamp_file) as f:
            if f.read() == stamp:
                return path, m
    if os.path.exists(path) and not os.path.exists(stamp_file):
        sys.exit(f"{path} exists but was not made by bench/run.py (no {os.path.basename(stamp_file)}): "
                 "remove it or choose another --work")
    if os.path.exists(stamp_file):
        os.remove(stamp_file)  # first: an interrupted remake must not look finished
    if os.path.exists(path):
        print(f"remaking {path}: made by another generator or with other sizes", file=sys.stderr)
        shutil.rmtree(path)
    partial = path + ".partial"
    if os.path.exists(partial):
        shutil.rmtree(partial)
    print(f"generating {n} documents, {m} commits in {path} ...", file=sys.stderr, flush=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), partial, "--documents", str(n), "--commits",
                    str(m), "--seed", str(seed)], check=True, stdout=sys.stderr)
    os.rename(partial, path)
    print(f"  generated in {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
    with open(stamp_file, "w") as f:
        f.write(stamp)
    return path, m


def tree_bytes(repo):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(os.path.join(repo, "maint")) for f in fs)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", help="comma-separated N (default 1000,10000,50000; --quick: 1000)")
    parser.add_argument("--runs", type=int, help="timed runs per row (default 5; --quick: 1)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs before them (default 1)")
    parser.add_argument("--commands", help=f"cswm rows: some of {','.join(COMMANDS)} "
                        f"(default {DEFAULT_COMMANDS}; --quick: check,trace,status)")
    parser.add_argument("--no-reference", action="store_true", help="leave out the cat and pyyaml rows")
    parser.add_argument("--quick", action="store_true", help="N = 1,000, one run, no bundle: does it all work?")
    parser.add_argument("--cswm", default=os.path.join(ROOT, "build", "release", "cmd", "cswm"))
    parser.add_argument("--work", default=os.environ.get("CSWM_BENCH_DIR",
                                                         os.path.join(tempfile.gettempdir(), "cswm-bench")),
                        help="where the repositories and outputs go (default $CSWM_BENCH_DIR or /tmp/cswm-bench)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output", help="also write the Markdown to this file")
    parser.add_argument("--json", help="also write every number to this file as JSON")
    args = parser.parse_args()
    args.sizes = args.sizes or ("1000" if args.quick else "1000,10000,50000")
    args.runs = args.runs if args.runs is not None else (1 if args.quick else 5)
    args.commands = args.commands or ("check,trace,status" if args.quick else DEFAULT_COMMANDS)
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    try:
        args.sizes = [int(s) for s in args.sizes.split(",") if s]
    except ValueError:
        parser.error(f"--sizes: comma-separated numbers, not {args.sizes!r}")
    if not args.sizes or min(args.sizes) < 1:
        parser.error("--sizes: at least one N of at least 1")
    return args


def main():
    args = parse_args()
    cswm = os.path.abspath(args.cswm)
    if not os.access(cswm, os.X_OK):
        sys.exit(f"{cswm}: no such binary: build it with `cmake --preset release && cmake --build build/release`")
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)

    wanted = []
    for name in args.commands.split(","):
        if name not in COMMANDS:
            sys.exit(f"unknown command {name}: some of {', '.join(COMMANDS)}")
        if has_command(cswm, name):
            wanted.append(name)
            if name == "check":
                wanted += ["check (warm)", "check (one changed)", "check (status changed)", "check (fix signed off)",
                           "check (statement changed)", "check (ID changed)"]
        else:
            print(f"skipped: this cswm has no `{name}` command", file=sys.stderr)
    have_pyyaml = False
    if not args.no_reference:
        try:
            import yaml  # noqa: F401
            have_pyyaml = hasattr(yaml, "CSafeLoader")
        except ImportError:
            pass
        if not have_pyyaml:
            print("skipped: PyYAML with libyaml is absent (apt-get install python3-yaml)", file=sys.stderr)

    quiet_env = dict(os.environ, CSWM_NO_CACHE="1")
    version = subprocess.run([cswm, "--version"], capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"], capture_output=True,
                            text=True).stdout.strip()
    started = load_average()
    rows = []
    for n in args.sizes:
        repo, m = repository(work, n, args.seed)
        size = tree_bytes(repo)
        print(f"N={n}: timing in {repo} ...", file=sys.stderr, flush=True)
        bundle_args = shlex.split(os.environ.get("CSWM_BUNDLE_ARGS", "--rev HEAD -o " +
                                                 shlex.quote(os.path.join(work, f"bundle-{n}.tar.gz"))))
        # Exit 1 (findings at error severity) is an answer, not a failure, for the report commands.
        commands = {
            "check": (["check"], (0, 1)),
            "check (warm)": (["check"], (0, 1)),
            "check (one changed)": (["check"], (0, 1)),
            "check (status changed)": (["check"], (0, 1)),
            "check (fix signed off)": (["check"], (0, 1)),
            "check (statement changed)": (["check"], (0, 1)),
            "check (ID changed)": (["check"], (0, 1)),
            "trace": (["trace", "--format", "json"], (0, 1)),
            "status": (["status"], (0, 1)),
            "bundle": (["bundle", *bundle_args], (0,)),
            "render": (["render", "--all", "-o", os.path.join(work, f"render-{n}")], (0, 1)),
        }
        results = {}
        if not args.no_reference:
            results["cat"] = measure(["sh", "-c", "find maint -name '*.yaml' -print0 | xargs -0 cat > /dev/null"],
                                     repo, args.runs, args.warmup)
            if have_pyyaml:
                results["pyyaml"] = measure([sys.executable, "-c", PYYAML], repo, args.runs, args.warmup)
        for name in wanted:
            argv, ok = commands[name]
            if name == "check":
                # Cold: no cache read or written; a cache left by an earlier run is removed
                # so that "check (warm)" starts from this binary's own.
                shutil.rmtree(os.path.join(repo, ".git", "cswm"), ignore_errors=True)
                results[name] = measure([cswm, *argv], repo, args.runs, args.warmup, ok, env=quiet_env)
            elif name == "check (warm)":
                # At least one untimed run writes the cache.
                results[name] = measure([cswm, *argv], repo, args.runs, max(args.warmup, 1), ok)
            elif name == "check (one changed)":
                results[name] = measure_one_changed([cswm, *argv], repo, args.runs, args.warmup, ok, "title")
            elif name == "check (status changed)":
                results[name] = measure_one_changed([cswm, *argv], repo, args.runs, args.warmup, ok, "status")
            elif name == "check (fix signed off)":
                results[name] = measure_one_changed([cswm, *argv], repo, args.runs, args.warmup, ok, "status",
                                                    "fix-confirmation")
            elif name == "check (statement changed)":
                results[name] = measure_one_changed([cswm, *argv], repo, args.runs, args.warmup, ok, "statement",
                                                    "srs")
            elif name == "check (ID changed)":
                results[name] = measure_one_changed([cswm, *argv], repo, args.runs, args.warmup, ok, "id", "srs")
            else:
                if name == "bundle" and "CSWM_BUNDLE_ARGS" not in os.environ:
                    out = os.path.join(work, f"bundle-{n}.tar.gz")
                    if os.path.exists(out):
                        os.remove(out)
                results[name] = measure([cswm, *argv], repo, args.runs, args.warmup, ok)
        for name, (result, error) in results.items():
            if result is None:
                print(f"N={n} {name}: failed: {error}", file=sys.stderr)
        rows.append({"n": n, "m": m, "bytes": size, "results": results})

    lines = [
        "# cswm benchmark",
        "",
        f"- machine: {machine()}",
        f"- cswm: {version} ({cswm}), source {commit or 'unknown'}",
        f"- command: `bench/run.py {' '.join(shlex.quote(a) for a in sys.argv[1:])}`".replace("`bench/run.py `",
                                                                                                "`bench/run.py`"),
        f"- runs: {args.runs} timed after {args.warmup} untimed; wall and CPU are medians, RSS the peak",
        f"- load average (1, 5, 15 min) at the start: {started}; at the end: {load_average()}",
        "",
        "| N | M | MB | what | median wall s | median CPU s | peak RSS MB | wall min–max s |",
        "|---:|---:|---:|---|---:|---:|---:|---|",
    ]
    for row in rows:
        for name in ROWS:
            if name not in row["results"]:
                continue
            result, error = row["results"][name]
            head = f"| {row['n']} | {row['m']} | {row['bytes'] / 1e6:.1f} | {name} |"
            if result is None:
                lines.append(f"{head} failed: {error[:60]} | | | |")
            else:
                lines.append(f"{head} {result['wall']:.3f} | {result['cpu']:.3f} | {result['rss']:.0f} | "
                             f"{result['min']:.3f}–{result['max']:.3f} |")
    lines += ["", "Against the targets of issue 8 (wall time on this machine):", ""]
    by_n = {row["n"]: row["results"] for row in rows}

    def value(name, n, what):
        result = by_n.get(n, {}).get(name, (None,))[0]
        return None if result is None else result[what]

    for n, results in by_n.items():
        check, pyyaml = value("check", n, "wall"), value("pyyaml", n, "wall")
        if check and pyyaml:
            ratio = pyyaml / check
            if n == 10000:
                lines.append(f"- N={n}: PyYAML CSafeLoader / cswm check = {ratio:.2f} x (target >= 3): "
                             f"{'met' if ratio >= 3 else 'NOT met'}")
            else:  # issue 8 sets the ratio at N = 10,000 only; the others are for reading
                lines.append(f"- N={n}: PyYAML CSafeLoader / cswm check = {ratio:.2f} x (no target at this N)")
    for name, n, what, limit in TARGETS:
        got = value(name, n, what)
        if got is not None:
            unit = "MB peak RSS" if what == "rss" else "s"
            lines.append(f"- {name} at N={n}: {got:.3f} {unit} (target <= {limit} {unit}): "
                         f"{'met' if got <= limit else 'NOT met'}")
    for name in LINEAR:
        small, large = value(name, 10000, "wall"), value(name, 50000, "wall")
        if small and large:
            ratio = large / small
            cpu_ratio = (value(name, 50000, "cpu") or 0) / (value(name, 10000, "cpu") or 1)
            lines.append(f"- {name} at N=50000 / N=10000 = {ratio:.2f} x wall, {cpu_ratio:.2f} x CPU "
                         f"(target <= 5.5): {'met' if ratio <= 5.5 else 'NOT met'}")
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if args.output:
        with open(args.output, "w") as f:
            f.write(text)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"machine": machine(), "cswm": version, "source": commit, "runs": args.runs,
                       "warmup": args.warmup, "load_start": started, "load_end": load_average(),
                       "rows": [{"n": row["n"], "m": row["m"], "bytes": row["bytes"],
                                 "results": {name: (result if result else {"error": error})
                                             for name, (result, error) in row["results"].items()}}
                                for row in rows]}, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
