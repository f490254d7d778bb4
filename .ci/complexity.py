"""Product functions above cyclomatic complexity 15 and product modules over 400 lines.

Product code is everything but migrations, demo content, tests and bench (issue 17's
"done when"). Prints each offender; exits 1 when there is any, so it can become a gate.
`make complexity` runs it (radon is a dev dependency); an argument names another checkout."""

import sys
from pathlib import Path

from radon.complexity import cc_visit

ROOT = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)
APPS = ["site", "home", "resources", "members", "billing", "search"]
MAX_COMPLEXITY = 15
MAX_LINES = 400


def product_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            rel = path.relative_to(ROOT)
            if "migrations" in rel.parts or "demo" in path.stem:
                continue
            yield rel, path.read_text(encoding="utf-8")


def main():
    found = 0
    for rel, source in product_modules():
        lines = source.count("\n")
        if lines > MAX_LINES:
            print(f"{rel}: {lines} lines (over {MAX_LINES})")
            found += 1
        for block in cc_visit(source):
            if block.complexity > MAX_COMPLEXITY:
                name = (
                    f"{block.classname}.{block.name}"
                    if getattr(block, "classname", None)
                    else block.name
                )
                print(f"{rel}:{block.lineno} {name}: complexity {block.complexity}")
                found += 1
    print(f"{found} over the limits (complexity > {MAX_COMPLEXITY}, modules > {MAX_LINES} lines).")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
