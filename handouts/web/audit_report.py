"""`handouts audit`'s report: totals of the PDFs made, one line per user and clinic, and the sign-ins."""
from __future__ import annotations

from collections import Counter

SIGN_IN = "sign-in"


def summary(entries: list[dict]) -> list[str]:
    """Lines for `handouts audit`: totals, then one line per user and clinic, then sign-ins by result."""
    sign_ins = [e for e in entries if e.get("kind") == SIGN_IN]
    entries = [e for e in entries if e.get("kind") != SIGN_IN]
    made = [e for e in entries if e.get("result") == "ok"]
    results = Counter(e.get("result") for e in entries)
    lines = [f"{len(entries)} request(s): {results['ok']} made PDFs, {results['refused']} refused "
             f"(bad input), {results['failed']} failed; {sum(e.get('patients', 0) for e in made)} patient(s), "
             f"{sum(e.get('bytes', 0) for e in made) / 1e6:.1f} MB"]
    if entries:
        lines += _per_user_and_clinic(entries)
    if sign_ins:
        counts = Counter(e.get("result") for e in sign_ins)
        lines.append("sign-ins: " + ", ".join(f"{n} {result}" for result, n in sorted(counts.items())))
    return lines


def _per_user_and_clinic(entries: list[dict]) -> list[str]:
    first, last = min(e["time"] for e in entries), max(e["time"] for e in entries)
    lines = [f"from {first} to {last}"]
    groups: dict[tuple[str, str], Counter] = {}
    for e in entries:
        counts = groups.setdefault((str(e.get("user") or "-"), str(e.get("clinic") or "-")), Counter())
        counts["requests"] += 1
        counts[e.get("kind", "?")] += e.get("result") == "ok"
        counts["patients"] += e.get("patients", 0) if e.get("result") == "ok" else 0
        counts["not ok"] += e.get("result") != "ok"
    width = max(len(user) for user, _ in groups) + 2
    lines.append(f"{'user':<{width}}{'clinic':<24}{'requests':>9}{'personal':>9}{'schedule':>9}{'blank':>7}"
                 f"{'patients':>9}{'not ok':>7}")
    for (user, clinic), c in sorted(groups.items()):
        lines.append(f"{user:<{width}}{clinic:<24}{c['requests']:>9}{c['personalized']:>9}{c['schedule']:>9}"
                     f"{c['blank']:>7}{c['patients']:>9}{c['not ok']:>7}")
    return lines
