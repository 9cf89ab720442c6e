#!/usr/bin/env python3
"""The public header documents every status code an exported function returns.

Usage: error_docs.py include/framelint/framelint.h
       error_docs.py --self-test include/framelint/framelint.h

framelint.h is the library's manual, and its convention (libgit2's) is that a
fallible function returns an int status. So every FL_EXPORT function that
returns int must carry, in the comment right above it, either

  - a sentence that starts "Fails with" / "Fails ... with" / "Returns" and
    names at least one FL_E* code, or
  - "Nonzero if" / "Zero if": a predicate, whose int is an answer, not a
    status;

and every FL_E* name in any function's comment must be a member of the
fl_status enum (or a macro the header defines), so a renamed or invented
code is caught. Which codes each function really returns is checked by
reading its code paths; this test keeps the documentation from going
missing or naming codes that do not exist.

--self-test runs the check on copies of the header with one "Fails with"
sentence removed and with a made-up code added, and passes only if both are
caught: the test must be able to fail.
"""
import re
import sys

STATUS_PHRASE = re.compile(r"\b(?:Fails|fails|Returns)\b")
PREDICATE = re.compile(r"\b(?:Nonzero|Zero) if\b")
CODE = re.compile(r"\bFL_E[A-Z0-9_]*\b")
# A sentence ends at a period followed by a space and a capital, or at the
# comment's end ("(a .docx or .odt)" does not end one).
SENTENCE_END = re.compile(r"\.\s+(?=[A-Z`])")


def parse(text):
    """Returns (codes, macros, functions): each function is
    (name, return type, comment text or None)."""
    enum = re.search(r"typedef enum fl_status \{(.*?)\} fl_status;", text, re.S)
    if not enum:
        raise SystemExit("error_docs: no fl_status enum in the header")
    codes = set(re.findall(r"\b(FL_E[A-Z0-9_]*)\s*=", enum.group(1)))
    macros = set(re.findall(r"^\s*#\s*define\s+(FL_\w+)", text, re.M))
    functions = []
    for m in re.finditer(r"FL_EXPORT\s+([^;()]*?)\b(fl_\w+)\s*\(", text):
        ret = " ".join(m.group(1).split())
        before = text[: m.start()].rstrip()
        comment = None
        if before.endswith("*/"):
            start = before.rfind("/*")
            comment = before[start + 2 : -2]
            comment = " ".join(line.strip().lstrip("*").strip() for line in comment.splitlines())
            comment = " ".join(comment.split())
        functions.append((m.group(2), ret, comment))
    declared = len(re.findall(r"^\s*FL_EXPORT\b", text, re.M))
    if declared != len(functions):
        raise SystemExit(f"error_docs: {declared} FL_EXPORT lines but {len(functions)} "
                         "declarations parsed: the parser needs updating")
    return codes, macros, functions


def problems(text):
    codes, macros, functions = parse(text)
    if len(codes) < 5:
        return [f"only {len(codes)} FL_E* codes found in fl_status"]
    out = []
    checked = 0
    for name, ret, comment in functions:
        for code in CODE.findall(comment or ""):
            if code not in codes and code not in macros:
                out.append(f"{name}: names {code}, which is not an fl_status code")
        if ret != "int":
            continue
        checked += 1
        if comment is None:
            out.append(f"{name}: returns int but has no comment above it")
            continue
        if PREDICATE.search(comment):
            continue
        named = False
        for m in STATUS_PHRASE.finditer(comment):
            end = SENTENCE_END.search(comment, m.end())
            sentence = comment[m.start() : end.start() if end else len(comment)]
            if any(c in codes for c in CODE.findall(sentence)):
                named = True
                break
        if not named:
            out.append(f"{name}: returns int, but no \"Fails with\" or \"Returns\" "
                       "sentence in its comment names its FL_E* codes")
    if checked < 25:
        out.append(f"only {checked} int functions found: the parser needs updating")
    return out


def self_test(text):
    """Both mutations must be caught, and the real header must pass."""
    failures = []
    if problems(text):
        failures.append("the header itself does not pass")
    # 1. drop the sentence that documents fl_ruleset_allow's codes
    m = re.search(r"(/\*\*(?:(?!\*/).)*?)(Fails with[^.]*\.)((?:(?!\*/).)*\*/\s*"
                  r"FL_EXPORT int fl_ruleset_allow\b)", text, re.S)
    if not m:
        failures.append("could not find fl_ruleset_allow's \"Fails with\" sentence to remove")
    else:
        cut = text[: m.start(2)] + text[m.end(2) :]
        if not any("fl_ruleset_allow" in p for p in problems(cut)):
            failures.append("removing fl_ruleset_allow's \"Fails with\" sentence was not caught")
    # 2. a code that is not in the enum
    bogus = text.replace("Fails with FL_EINVAL (`out` or `doc` NULL)",
                         "Fails with FL_EBOGUS (`out` or `doc` NULL)", 1)
    if bogus == text:
        failures.append("could not find fl_document_position's sentence to corrupt")
    elif not any("FL_EBOGUS" in p for p in problems(bogus)):
        failures.append("a made-up code, FL_EBOGUS, was not caught")
    return failures


def main(argv):
    args = [a for a in argv[1:] if a != "--self-test"]
    if len(args) != 1:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    with open(args[0], encoding="utf-8") as f:
        text = f.read()
    if "--self-test" in argv:
        failures = self_test(text)
        for p in failures:
            print(f"error_docs self-test: {p}", file=sys.stderr)
        return 1 if failures else 0
    found = problems(text)
    for p in found:
        print(f"{args[0]}: {p}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
