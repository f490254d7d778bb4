"""Every repository path that the docs, README, DEVELOPERS.md, code comments and docstrings
name exists, so a reader who follows one is never sent nowhere.

A path is a word that starts with one of the repository's top-level folders and a slash
(`billing/closing.py`, `tests/home/`, `.ci/run`), or a top-level file's name
(`pyproject.toml`). A line number after a colon is dropped, `{a,b}` is expanded, and a
template named from inside `templates/` (`members/search.html`) is looked for there too.
Words with placeholders (`<app>`, `*`, `…`) are patterns, not paths, and are not checked,
nor are URLs (`/en/members/`, `https://…`) or paths outside the repository (`../shared/`).
Links between docs (`[billing.md](billing.md)`) are checked relative to the doc. In
Python string literals (messages such as a system check's hint, "See docs/security.md")
only docs are checked (`*.md`): other strings name paths of URLs, storage and templates.
"""

import ast
import io
import re
import subprocess
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def tracked_files():
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line for line in out.splitlines() if (ROOT / line).exists()]


FILES = tracked_files()
TOP_DIRS = sorted({f.split("/")[0] for f in FILES if "/" in f})
TOP_FILES = sorted({f for f in FILES if "/" not in f and "." in f and not f.startswith(".")})
_dirs = "|".join(re.escape(d) for d in TOP_DIRS)
_files = "|".join(re.escape(f) for f in TOP_FILES)
PATH_RE = re.compile(
    rf"(?<![\w./~-])((?:{_dirs})/[\w./{{}},*<>…-]*|(?:{_files}))(?::\d+(?:-\d+)?)?(?![\w/-])"
)
LINK_RE = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def expand(word):
    match = re.search(r"\{([^{}]*)\}", word)
    if not match:
        return [word]
    return [
        expanded
        for choice in match.group(1).split(",")
        for expanded in expand(word[: match.start()] + choice + word[match.end() :])
    ]


def candidates(text):
    """The repository paths named in `text`."""
    for match in PATH_RE.finditer(text):
        word = match.group(1).rstrip(".,;:)'\"`")
        if any(mark in word for mark in "<>*…"):
            continue
        yield from expand(word)


def exists(path):
    if (ROOT / path).exists():
        return True
    return path.endswith(".html") and (ROOT / "templates" / path).exists()


def python_prose(path):
    """The comments and docstrings of a Python file."""
    source = (ROOT / path).read_text(encoding="utf-8")
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    texts = [tok.string for tok in tokens if tok.type == tokenize.COMMENT]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            texts.append(ast.get_docstring(node) or "")
    return "\n".join(texts)


def python_doc_mentions(path):
    """Docs named in a Python file's string literals."""
    source = (ROOT / path).read_text(encoding="utf-8")
    strings = [
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
    return [word for text in strings for word in candidates(text) if word.endswith(".md")]


def hash_comments(path):
    lines = (ROOT / path).read_text(encoding="utf-8").splitlines()
    return "\n".join(line.split("#", 1)[1] for line in lines if "#" in line)


def sources():
    """(name, text) of every place prose names paths in."""
    for path in FILES:
        if path.endswith(".md") and (path.startswith("docs/") or "/" not in path):
            yield path, (ROOT / path).read_text(encoding="utf-8")
        elif path.endswith(".py"):
            yield path, python_prose(path)
        elif path in ("Makefile", "pyproject.toml") or path.startswith(".ci/"):
            yield path, hash_comments(path)


def missing_paths():
    missing = {
        (path, word)
        for path in FILES
        if path.endswith(".py") and path != "tests/test_docs_paths.py"  # its own examples
        for word in python_doc_mentions(path)
        if not exists(word)
    }
    for name, text in sources():
        missing |= {(name, path) for path in candidates(text) if not exists(path)}
        if name.endswith(".md"):
            here = (ROOT / name).parent
            for target in LINK_RE.findall(text):
                if "://" not in target and not (here / target).exists():
                    missing.add((name, target))
    return missing


def test_every_path_named_in_docs_and_comments_exists():
    assert sorted(missing_paths()) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "see billing/closing.py:171 and docs/security.md.",
            ["billing/closing.py", "docs/security.md"],
        ),
        (
            "split into `resources/models/{links,provider}.py`",
            ["resources/models/links.py", "resources/models/provider.py"],
        ),
        ("(tests/resources/test_directory_rules.py)", ["tests/resources/test_directory_rules.py"]),
        ("pyproject.toml's packages", ["pyproject.toml"]),
        ("templates/<app>/<model>.html, GET /en/members/, ../shared/house-style.md", []),
    ],
)
def test_the_scan_finds_paths_and_ignores_patterns_and_urls(text, found):
    assert list(candidates(text)) == found


def test_a_path_that_does_not_exist_is_reported():
    assert not exists("tests/resources/test_directory_rules.py")
    assert not exists("docs/nowhere.md")
    assert exists("members/search.html")  # a template, named from inside templates/
