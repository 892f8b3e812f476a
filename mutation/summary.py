#!/usr/bin/env python3
"""Summarises a Stryker mutation-report.json: the score, the score per folder, and every mutant left alive.

Usage: python3 mutation/summary.py OUT_DIR/mutation-report.json [--survivors]
The score is Stryker's: detected (killed + timeout) over valid mutants (detected + survived + no coverage); mutants
that do not compile or are ignored do not count.
"""
import collections
import json
import sys


def folder_of(path):
    parts = path.replace("\\", "/").split("/")
    if "Mammo.Core" in parts:
        parts = parts[parts.index("Mammo.Core") + 1:]
    return parts[0] if len(parts) > 1 else "(root)"


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    report = json.load(open(sys.argv[1], encoding="utf-8"))
    totals = collections.Counter()
    folders = collections.defaultdict(collections.Counter)
    alive = []
    for path, entry in sorted(report["files"].items()):
        for m in entry["mutants"]:
            status = m["status"]
            totals[status] += 1
            folders[folder_of(path)][status] += 1
            if status in ("Survived", "NoCoverage"):
                line = m["location"]["start"]["line"]
                alive.append((path, line, status, m.get("mutatorName", ""), (m.get("replacement") or "").replace("\n", " ")[:80]))

    def score(c):
        detected = c["Killed"] + c["Timeout"]
        valid = detected + c["Survived"] + c["NoCoverage"]
        return (100.0 * detected / valid if valid else float("nan")), detected, valid

    print("mutation: " + ", ".join(f"{k} {v}" for k, v in sorted(totals.items())))
    s, d, v = score(totals)
    print(f"mutation score: {s:.1f}% ({d} of {v} detected)")
    print(f"{'folder':<18}{'score':>8}{'killed':>8}{'timeout':>8}{'survived':>9}{'no cov.':>8}")
    for name, c in sorted(folders.items()):
        s, _, _ = score(c)
        print(f"{name:<18}{s:>7.1f}%{c['Killed']:>8}{c['Timeout']:>8}{c['Survived']:>9}{c['NoCoverage']:>8}")
    if "--survivors" in sys.argv:
        for path, line, status, mutator, replacement in alive:
            print(f"{status:<10} {path}:{line} {mutator}: {replacement}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
