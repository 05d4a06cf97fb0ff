#!/usr/bin/env python3
"""Time cswm on synthetic repositories and print the table of docs/performance.md.

    bench/run.py [--sizes 1000,10000,50000] [--runs 5] [--cswm build/release/cmd/cswm]
                 [--work /tmp/cswm-bench] [--seed 1] [--commands check,trace,status,bundle,render]

For each size N it makes (once, then reuses) a repository of N documents and 5 x N
commits with bench/generate.py, then times, each --runs times after one untimed warm-up
run (warm file cache), and reports the median wall time, the median CPU time and the
peak resident memory of:

  cat       reading every document file (`find maint -name '*.yaml' | xargs cat`): the floor
  pyyaml    PyYAML's C loader loading every document (yaml.load(..., Loader=CSafeLoader)),
            no validation: the reference of the issue's "3 x faster" target
  check     cswm check, cold (CSWM_NO_CACHE=1: the warm cache neither read nor written)
  check (warm)         cswm check with nothing changed since the last run (served from
                       the cache in .git/cswm/)
  check (one changed)  cswm check after a comment line of one document changed (the
                       document is restored after the row)
  trace     cswm trace --format json      } only when the binary has the command;
  status    cswm status                   } absent ones are named and skipped
  bundle    cswm bundle --rev HEAD -o WORK/bundle.tar.gz (arguments from $CSWM_BUNDLE_ARGS when set)
  render    cswm render --all -o WORK/render-N (every page, Markdown)

Needs python3, git and, for the PyYAML column, python3-yaml built with libyaml
(Debian: `apt-get install python3-yaml`); without it that column says "absent".
Timings on a busy machine are noise: run it on a quiet one.
"""

import argparse
import hashlib
import os
import platform
import shlex
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
    return f"{os.cpu_count()} CPUs ({model}), {ram} RAM, {platform.platform()}"


def run_once(argv, cwd):
    """Wall seconds, CPU seconds (user + system) and peak RSS in MB of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode, err


def measure(argv, cwd, runs, ok_codes=(0,)):
    first = run_once(argv, cwd)  # warm-up, untimed
    if first[3] not in ok_codes:
        return None, f"exit {first[3]}: {first[4].strip()[:300]}"
    walls, cpus, peak = [], [], 0.0
    for _ in range(runs):
        wall, cpu, rss, code, err = run_once(argv, cwd)
        if code not in ok_codes:
            return None, f"exit {code}: {err.strip()[:300]}"
        walls.append(wall)
        cpus.append(cpu)
        peak = max(peak, rss)
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus), "rss": peak,
            "min": min(walls), "max": max(walls)}, None


def measure_one_changed(cswm, argv, repo, runs, ok):
    """check after one document changed: each run rewrites a comment line at the end of
    the first document (a new value every time) before cswm runs; the file is put back."""
    first = None
    for folder, dirs, files in sorted(os.walk(os.path.join(repo, "maint"))):
        dirs.sort()
        names = sorted(f for f in files if f.endswith(".yaml"))
        if names:
            first = os.path.join(folder, names[0])
            break
    if first is None:
        return None, "no document to change"
    with open(first, "rb") as f:
        original = f.read()
    script = ('f="$1"; shift; sed -i "/^# cswm-bench-touch/d" "$f"; '
              'echo "# cswm-bench-touch $(date +%s%N)" >> "$f"; exec "$@"')
    try:
        return measure(["sh", "-c", script, "sh", first, cswm, *argv], repo, runs, ok)
    finally:
        with open(first, "wb") as f:
            f.write(original)


def has_command(cswm, name):
    probe = subprocess.run([cswm, name, "--help"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return probe.returncode == 0


def generator_stamp(n, m, seed):
    with open(os.path.join(HERE, "generate.py"), "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:16]
    return f"{digest} {n} {m} {seed}"


def repository(work, n, seed):
    m = 5 * n
    path = os.path.join(work, f"repo-{n}-{seed}")
    stamp_file = path + ".stamp"
    stamp = generator_stamp(n, m, seed)
    if os.path.isdir(path) and os.path.exists(stamp_file) and open(stamp_file).read() == stamp:
        return path, m
    if os.path.exists(path):
        subprocess.run(["rm", "-rf", path], check=True)
    print(f"generating {n} documents, {m} commits in {path} ...", file=sys.stderr, flush=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), path, "--documents", str(n), "--commits",
                    str(m), "--seed", str(seed)], check=True, stdout=sys.stderr)
    print(f"  generated in {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
    with open(stamp_file, "w") as f:
        f.write(stamp)
    return path, m


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cswm", default=os.path.join(ROOT, "build", "release", "cmd", "cswm"))
    parser.add_argument("--work", default=os.environ.get("CSWM_BENCH_DIR",
                                                         os.path.join(tempfile.gettempdir(), "cswm-bench")))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--commands", default="check,trace,status,bundle,render")
    args = parser.parse_args()
    cswm = os.path.abspath(args.cswm)
    if not os.access(cswm, os.X_OK):
        sys.exit(f"{cswm}: no such binary: build it with `cmake --preset release && cmake --build build/release`")
    os.makedirs(args.work, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",") if s]

    # Outputs go to the work folder: the benchmark repositories stay as generated.
    bundle_args = shlex.split(os.environ.get("CSWM_BUNDLE_ARGS", "--rev HEAD -o " +
                                             shlex.quote(os.path.join(args.work, "bundle.tar.gz"))))
    # Exit 1 (findings at error severity) is an answer, not a failure, for the report commands.
    commands = {
        "check": (["check"], (0, 1)),
        "check (warm)": (["check"], (0, 1)),
        "check (one changed)": (["check"], (0, 1)),
        "trace": (["trace", "--format", "json"], (0, 1)),
        "status": (["status"], (0, 1)),
        "bundle": (["bundle", *bundle_args], (0,)),
        "render": (["render", "--all", "-o", os.path.join(args.work, "render")], (0, 1)),
    }
    wanted = []
    for name in args.commands.split(","):
        if name not in commands:
            sys.exit(f"unknown command {name}: one of {', '.join(commands)}")
        if has_command(cswm, name):
            wanted.append(name)
            if name == "check":
                wanted += ["check (warm)", "check (one changed)"]
        else:
            print(f"skipped: this cswm has no `{name}` command", file=sys.stderr)
    try:
        import yaml  # noqa: F401
        have_pyyaml = hasattr(yaml, "CSafeLoader")
    except ImportError:
        have_pyyaml = False
    if not have_pyyaml:
        print("skipped: PyYAML with libyaml is absent (apt-get install python3-yaml)", file=sys.stderr)

    version = subprocess.run([cswm, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"# cswm benchmark\n\n- machine: {machine()}\n- cswm: {version} ({cswm})\n"
          f"- runs: {args.runs} timed after 1 warm-up; wall and CPU are medians, RSS the peak\n")
    rows = []
    check_times = {}
    for n in sizes:
        repo, m = repository(args.work, n, args.seed)
        size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(os.path.join(repo, "maint"))
                   for f in fs)
        results = {}
        results["cat"] = measure(["sh", "-c", "find maint -name '*.yaml' -print0 | xargs -0 cat > /dev/null"], repo,
                                 args.runs)
        if have_pyyaml:
            results["pyyaml"] = measure([sys.executable, "-c", PYYAML], repo, args.runs)
        for name in wanted:
            argv, ok = commands[name]
            if name == "check":
                results[name] = measure(["env", "CSWM_NO_CACHE=1", cswm, *argv], repo, args.runs, ok)
            elif name == "check (one changed)":
                results[name] = measure_one_changed(cswm, argv, repo, args.runs, ok)
            else:
                results[name] = measure([cswm, *argv], repo, args.runs, ok)
        for name, (result, error) in results.items():
            if result is None:
                print(f"N={n} {name}: failed: {error}", file=sys.stderr)
        rows.append((n, m, size, results))
        if results.get("check", (None,))[0]:
            check_times[n] = results["check"][0]["wall"]

    print("| N | M | MB | what | median wall s | median CPU s | peak RSS MB | wall min–max s |")
    print("|---:|---:|---:|---|---:|---:|---:|---|")
    for n, m, size, results in rows:
        for name, (result, error) in results.items():
            if result is None:
                print(f"| {n} | {m} | {size / 1e6:.1f} | {name} | failed: {error[:60]} | | | |")
            else:
                print(f"| {n} | {m} | {size / 1e6:.1f} | {name} | {result['wall']:.3f} | {result['cpu']:.3f} | "
                      f"{result['rss']:.0f} | {result['min']:.3f}–{result['max']:.3f} |")
    print()
    for n, m, size, results in rows:
        check, pyyaml = results.get("check", (None,))[0], results.get("pyyaml", (None,))[0]
        if check and pyyaml:
            print(f"- N={n}: PyYAML CSafeLoader / cswm check = {pyyaml['wall'] / check['wall']:.1f}x (target >= 3x)")
    if 10000 in check_times and 50000 in check_times:
        print(f"- check at N=50000 / N=10000 = {check_times[50000] / check_times[10000]:.2f} (target <= 5.5)")


if __name__ == "__main__":
    main()
