#!/usr/bin/env python3
"""Protocol tests for `framelint lsp`: a scripted client drives the server
over pipes, one group of cases per ctest test.

    protocol.py FRAMELINT GROUP WORKDIR

Each group prints what it checked and ends with "N passed, 0 failed"; a
failed check raises, prints the reason and exits 1.
"""
import json
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import Client, ProtocolError, frame  # noqa: E402

FRAMELINT = None
WORK = None
checks = 0


def check(cond, what, detail=""):
    global checks
    if not cond:
        raise ProtocolError("%s%s" % (what, (": " + str(detail)[:3000]) if detail else ""))
    checks += 1


def uri_of(path):
    return "file://" + path


def write(name, text, newline=""):
    path = os.path.join(WORK, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline=newline) as f:
        f.write(text)
    return path


def client(**kw):
    return Client(FRAMELINT, cwd=WORK, **kw)


def started(options=None, **kw):
    """A client, initialized with no debounce so each change lints at once."""
    c = client()
    opts = {"debounceMs": 0}
    opts.update(options or {})
    c.init_result = c.initialize(options=opts, **kw)
    return c


def cli_fix(text, name):
    """What `framelint --fix` writes for `text` read as file `name`."""
    out = subprocess.run([FRAMELINT, "--fix", "--stdin-filename", os.path.join(WORK, name), "-"],
                         input=text.encode("utf-8"), capture_output=True, cwd=WORK)
    return out.stdout.decode("utf-8")


def cli_findings(text, name, cwd=None):
    """The findings `framelint --format jsonl` reports for `text` read as
    file `name`: the expectations follow the rules as they are."""
    out = subprocess.run([FRAMELINT, "--format", "jsonl", "--stdin-filename",
                          os.path.join(cwd or WORK, name), "-"],
                         input=text.encode("utf-8"), capture_output=True, cwd=cwd or WORK)
    return [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]


SEVERITY = {"error": 1, "warning": 2, "suggestion": 3}


def same_as_cli(diags, text, name, cwd=None):
    """Whether the diagnostics are the command line's findings: rule, severity,
    message and start line, in order."""
    want = [(f["rule"], SEVERITY[f["severity"]], f["message"], f["line"] - 1)
            for f in cli_findings(text, name, cwd)]
    got = [(d.get("code"), d["severity"], d["message"], d["range"]["start"]["line"])
           for d in diags]
    return got == want


# --- positions, as a client computes them ---------------------------------------------

def lsp_lines(text):
    """Line start indexes (in code points) as LSP counts lines."""
    starts = [0]
    i = 0
    while i < len(text):
        if text[i] == "\r" and i + 1 < len(text) and text[i + 1] == "\n":
            i += 2
            starts.append(i)
            continue
        if text[i] in "\r\n":
            starts.append(i + 1)
        i += 1
    return starts


def units(ch, enc):
    if enc == "utf-8":
        return len(ch.encode("utf-8"))
    if enc == "utf-16":
        return 2 if ord(ch) > 0xFFFF else 1
    return 1


def to_index(text, pos, enc):
    starts = lsp_lines(text)
    if pos["line"] >= len(starts):
        return len(text)
    i = starts[pos["line"]]
    counted = 0
    while i < len(text) and text[i] not in "\r\n" and counted < pos["character"]:
        counted += units(text[i], enc)
        i += 1
    return i


def to_position(text, index, enc):
    starts = lsp_lines(text)
    line = max(k for k, s in enumerate(starts) if s <= index)
    return {"line": line,
            "character": sum(units(ch, enc) for ch in text[starts[line]:index])}


def apply_edits(text, edits, enc="utf-16"):
    spans = [(to_index(text, e["range"]["start"], enc), to_index(text, e["range"]["end"], enc),
              e["newText"]) for e in edits]
    for a, b, new in sorted(spans, reverse=True):
        text = text[:a] + new + text[b:]
    return text


def edits_of(action, uri):
    edit = action["edit"]
    if "documentChanges" in edit:
        (change,) = edit["documentChanges"]
        check(change["textDocument"]["uri"] == uri, "a versioned edit names the document")
        return change["edits"]
    return edit["changes"][uri]


def codes(diags):
    return sorted(d.get("code", "") for d in diags)


def actions(c, uri, start, end=None, only=None):
    ctx = {"diagnostics": []}
    if only is not None:
        ctx["only"] = only
    r = c.call("textDocument/codeAction", {"textDocument": {"uri": uri},
                                           "range": {"start": start, "end": end or start},
                                           "context": ctx})
    check("result" in r, "codeAction answers", r)
    return r["result"]


# --- groups ------------------------------------------------------------------------------

DRAFT = "# A flood of migrants\n\nThey call them illegal aliens.\n"


def test_lifecycle():
    c = client()
    r = c.call("textDocument/hover", {"textDocument": {"uri": "file:///x.md"},
                                      "position": {"line": 0, "character": 0}})
    check(r["error"]["code"] == -32002, "a request before initialize: -32002", r)
    c.open(uri_of(WORK + "/early.md"), DRAFT)  # dropped: not initialized
    caps = c.initialize(capabilities={"workspace": {
        "didChangeWatchedFiles": {"dynamicRegistration": True}}})
    check(caps["serverInfo"]["name"] == "framelint", "serverInfo names framelint", caps)
    cap = caps["capabilities"]
    check(cap["positionEncoding"] == "utf-16", "UTF-16 when the client offers nothing else")
    check(cap["textDocumentSync"]["change"] == 2 and cap["textDocumentSync"]["openClose"],
          "incremental sync with open and close", cap)
    check(cap["hoverProvider"] is True, "hover offered")
    check("source.fixAll.framelint" in cap["codeActionProvider"]["codeActionKinds"],
          "the fix-all kind is announced", cap)
    check("diagnosticProvider" not in cap, "no pull diagnostics for a client without them")
    reg = c.wait(lambda m: m.get("method") == "client/registerCapability", what="registration")
    watchers = reg["params"]["registrations"][0]["registerOptions"]["watchers"]
    check(any(".framelint.yml" in w["globPattern"] for w in watchers), "watches configs", reg)
    c.send({"jsonrpc": "2.0", "id": reg["id"], "result": None})  # the answer is accepted
    r = c.call("initialize", {"capabilities": {}})
    check(r["error"]["code"] == -32600, "a second initialize: -32600", r)
    c.notify("$/setTrace", {"value": "messages"})
    c.open(uri_of(WORK + "/traced.md"), DRAFT)
    t = c.wait(lambda m: m.get("method") == "$/logTrace", what="$/logTrace")
    check("traced.md" in t["params"]["message"], "a trace message names the document", t)
    hover = c.request("textDocument/hover", {"textDocument": {"uri": uri_of(WORK + "/traced.md")},
                                             "position": {"line": 0, "character": 4}})
    down = c.request("shutdown")
    first = c.wait(lambda m: m.get("id") in (hover, down) and "method" not in m,
                   what="the answers to hover and shutdown")
    check(first["id"] == hover and first["result"]["contents"],
          "a request before shutdown is answered before it", first)
    check(c.response(down)["result"] is None, "shutdown answers null")
    r = c.call("textDocument/hover", {"textDocument": {"uri": "file:///x.md"},
                                      "position": {"line": 0, "character": 0}})
    check(r["error"]["code"] == -32600, "a request after shutdown: -32600", r)
    c.notify("exit")
    check(c.finish() == 0, "exit after shutdown: status 0")

    c = client()
    c.initialize()
    c.notify("exit")
    check(c.finish() == 1, "exit without shutdown: status 1")
    c = client()
    c.initialize()
    c.close_stdin()
    check(c.finish() == 1, "stdin closed without exit: status 1")

    c = Client(FRAMELINT, args=("lsp", "--stdio"), cwd=WORK)
    c.initialize()
    check(c.shutdown() == 0, "--stdio is accepted, as vscode-languageclient passes it")
    out = subprocess.run([FRAMELINT, "lsp", "--port", "1"], capture_output=True, text=True)
    check(out.returncode == 2 and "unknown argument '--port'" in out.stderr,
          "an unknown argument is a usage error", out.stderr)
    out = subprocess.run([FRAMELINT, "lsp", "--help"], capture_output=True, text=True)
    check(out.returncode == 0 and "Language Server Protocol" in out.stdout, "lsp --help")
    write("lsp", "A flood of migrants.\n")
    out = subprocess.run([FRAMELINT, "--format", "gnu", "./lsp"], capture_output=True,
                         text=True, cwd=WORK)
    check(out.returncode == 1 and "water-metaphor" in out.stdout,
          "a file named lsp is still linted as ./lsp", out)


def test_documents():
    c = started()
    uri = uri_of(WORK + "/notes/draft.md")
    c.open(uri, DRAFT)
    p = c.diagnostics(uri, 1)
    d = p["diagnostics"]
    check(len(d) >= 2 and same_as_cli(d, DRAFT, "notes/draft.md"),
          "didOpen publishes the findings, as the command line reports them", d)
    flood = next(x for x in d if x["code"] == "terminology.water-metaphor")
    check(flood["range"] == {"start": {"line": 0, "character": 2},
                             "end": {"line": 0, "character": 12}}, "the range", flood)
    check(flood["severity"] == 2 and flood["source"] == "framelint", "warning is 2", flood)
    check(flood["codeDescription"]["href"].startswith("file://"), "a link to the rule", flood)

    # Severities, set by a config so that they do not depend on the rules.
    write("levels/.framelint.yml", "rules:\n  '*': error\n")
    write("levels/s/.framelint.yml", "rules:\n  '*': suggestion\n")
    for folder, level in (("levels", 1), ("levels/s", 3)):
        u = uri_of(WORK + "/" + folder + "/draft.md")
        c.open(u, DRAFT)
        d = c.diagnostics(u)["diagnostics"]
        check(d and {x["severity"] for x in d} == {level}, "%s is %d" % (folder, level), d)

    text = "Record numbers of migrants crossed the Channel this week.\n"
    c.change(uri, 2, [{"text": text}])
    d = c.diagnostics(uri, 2)["diagnostics"]
    check(same_as_cli(d, text, "notes/draft.md"), "full sync", d)

    # The languageId decides the format: a code span hides the term in Markdown.
    text = "Quoted code: `a flood of migrants` here.\n"
    for lang, name, want in (("markdown", "a.txt", 0), ("plaintext", "b.md", 1),
                             ("not-a-language", "c.md", 0), ("not-a-language", "d.txt", 1)):
        u = uri_of(WORK + "/" + name)
        c.open(u, text, language=lang)
        n = len(c.diagnostics(u)["diagnostics"])
        check(n == want, "languageId %s, file %s: %d findings" % (lang, name, want), n)

    c.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    check(c.diagnostics(uri, 2)["diagnostics"], "didSave lints again")
    check(c.shutdown() == 0, "clean exit")

    # Debounce: typing (changes less than debounceMs apart) is linted once it
    # stops; the first change after a pause at once.
    c = started(options={"debounceMs": 400})
    c.open(uri, "Calm.\n")
    c.diagnostics(uri, 1)
    time.sleep(0.5)
    t0 = time.monotonic()
    for version in range(2, 6):
        c.change(uri, version, [{"text": "Calm, version %d.\n" % version}])
        time.sleep(0.05)
    typed = time.monotonic()
    c.diagnostics(uri, 5)
    waited = time.monotonic() - typed
    versions = [m["params"]["version"] for m in c.seen
                if m.get("method") == "textDocument/publishDiagnostics"]
    check(versions[-1] == 5 and not set(versions) & {3, 4},
          "typing is linted once it stops", versions)
    check(waited >= 0.3, "after the pause", (waited, time.monotonic() - t0))
    c.change(uri, 6, [{"text": "A flood of migrants.\n"}])
    check(c.diagnostics(uri, 6, timeout=0.3)["diagnostics"],
          "the first change after a pause at once")
    c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    check(c.diagnostics(uri)["diagnostics"] == [], "didClose clears the diagnostics")
    r = c.call("textDocument/hover", {"textDocument": {"uri": uri},
                                      "position": {"line": 0, "character": 0}})
    check(r["error"]["code"] == -32602, "a closed document is unknown", r)
    u = "untitled:Untitled-1"
    c.open(u, "A flood of migrants.\n", language="plaintext")
    check(len(c.diagnostics(u)["diagnostics"]) == 1, "a document without a file is linted")
    c.open(u, "Calm.\n", language="plaintext", version=7)
    check(c.diagnostics(u, 7)["diagnostics"] == [], "a second didOpen replaces the text")
    check(c.shutdown() == 0, "clean exit")


def test_config():
    write("team/.framelint.yml", "rules:\n  terminology.water-metaphor: off\n")
    path = write("team/sub/draft.md", DRAFT)
    uri = uri_of(path)
    c = started(capabilities={})
    c.open(uri, DRAFT)
    d = c.diagnostics(uri)["diagnostics"]
    check(d and "terminology.water-metaphor" not in codes(d),
          "the config above the file applies", d)

    time.sleep(0.01)
    write("team/.framelint.yml", "rules:\n  terminology.water-metaphor: suggestion\n")
    c.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    d = c.diagnostics(uri)["diagnostics"]
    check([x["severity"] for x in d if x["code"] == "terminology.water-metaphor"] == [3],
          "a changed config is read again when the draft is linted", d)
    check(same_as_cli(d, DRAFT, "team/sub/draft.md"), "as the command line reads it", d)

    write("team/.framelint.yml", "rules:\n  terminology.water-metaphor: suggestion\n"
                                 "langauge: en\n")
    c.notify("workspace/didChangeWatchedFiles",
              {"changes": [{"uri": uri_of(WORK + "/team/.framelint.yml"), "type": 2}]})
    d = c.diagnostics(uri)["diagnostics"]
    check(len(d) == 1 and d[0]["severity"] == 1 and "code" not in d[0], "a broken config", d)
    check(re.search(r"\.framelint\.yml:3:1: unknown key 'langauge' .*\(did you mean 'language'\?\)",
                    d[0]["message"]), "is an error that says where and what", d[0]["message"])

    # A team rule with a catastrophic pattern: the regex limit is a notice.
    write("regex/rules/bad.yml", open(os.path.join(
        os.path.dirname(__file__), "..", "fuzz", "seeds", "ruleset_yaml",
        "err-catastrophic-regex.yml")).read())
    write("regex/.framelint.yml", "default-rules: false\nrule-files:\n  - rules/\n")
    u = uri_of(WORK + "/regex/draft.txt")
    c.open(u, "a" * 40 + "!\n", language="plaintext")
    d = c.diagnostics(u)["diagnostics"]
    check(any(x["severity"] == 3 and "code" not in x and "limit" in x["message"] for x in d),
          "a notice is a diagnostic of its own", d)
    write("fr/.framelint.yml", "language: fr\n")
    u = uri_of(WORK + "/fr/brouillon.txt")
    c.open(u, "Un afflux de migrants est arrivé.\n", language="plaintext")
    d = c.diagnostics(u)["diagnostics"]
    check(d and all(x["code"].startswith("fr-") for x in d), "the config's language", d)
    check(c.shutdown() == 0, "clean exit")


# An emoji (two UTF-16 units, four bytes) and a combining accent (one unit,
# two bytes) before the finding.
LINE = "\U0001F600 Cafe\u0301 a flood of migrants arrived.\n"
STARTS = {"utf-16": 9, "utf-8": 12, "utf-32": 8}


def test_encodings():
    for offered, want in ((None, "utf-16"), (["utf-16"], "utf-16"), (["utf-8", "utf-16"], "utf-8"),
                          (["utf-32", "utf-16"], "utf-32"), (["utf-32", "utf-8"], "utf-8")):
        c = started(encodings=offered)
        enc = c.init_result["capabilities"]["positionEncoding"]
        check(enc == want, "offered %s: %s" % (offered, want), enc)
        uri = uri_of(WORK + "/enc.md")
        text = "Intro.\n" + LINE
        c.open(uri, text)
        (d,) = c.diagnostics(uri)["diagnostics"]
        start = STARTS[enc]
        check(d["range"] == {"start": {"line": 1, "character": start},
                             "end": {"line": 1, "character": start + 10}},
              "%s range after an emoji and a combining accent" % enc, d["range"])
        fix = next(a for a in actions(c, uri, d["range"]["start"]) if a.get("isPreferred"))
        fixed = apply_edits(text, edits_of(fix, uri), enc)
        check(fixed == cli_fix(text, "enc.md"), "%s quick fix equals --fix" % enc, fixed)
        # Edit after the emoji, in this encoding: the finding is gone.
        c.change(uri, 2, [{"range": d["range"], "text": "many"}])
        check(c.diagnostics(uri, 2)["diagnostics"] == [], "%s incremental edit" % enc)
        h = c.call("textDocument/hover", {"textDocument": {"uri": uri},
                                          "position": {"line": 1, "character": start}})
        check(h["result"] is None, "%s hover where the finding was" % enc, h)
        c.shutdown()


def test_incremental():
    c = started()
    uri = uri_of(WORK + "/inc.txt")
    text = "Calm text.\r\nNothing here.\r\n"
    c.open(uri, text, language="plaintext")
    check(c.diagnostics(uri, 1)["diagnostics"] == [], "a calm start")
    steps = [
        # insert a sentence at the start of line 1
        [{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}},
          "text": "A flood of migrants came. "}],
        # split the finding's line inside it, with a CRLF
        [{"range": {"start": {"line": 1, "character": 7}, "end": {"line": 1, "character": 7}},
          "text": "\r\n"}],
        # join the lines again, deleting the CRLF
        [{"range": {"start": {"line": 1, "character": 7}, "end": {"line": 2, "character": 0}},
          "text": ""}],
        # two changes in one message, the second on the text the first made
        [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 4}},
          "text": "Quiet\nand\rsplit"},
         {"range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 7}},
          "text": "Several"}],
        # join three lines into one
        [{"range": {"start": {"line": 0, "character": 5}, "end": {"line": 2, "character": 0}},
          "text": " "}],
    ]
    want = [[(1, 0, 1, 10)], [(1, 0, 2, 3)], [(1, 0, 1, 10)], [], []]
    for version, (change, expect) in enumerate(zip(steps, want), start=2):
        c.change(uri, version, change)
        for ch in change:  # each change applies to the text the one before made
            text = apply_edits(text, [{"range": ch["range"], "newText": ch["text"]}])
        d = c.diagnostics(uri, version)["diagnostics"]
        got = [(x["range"]["start"]["line"], x["range"]["start"]["character"],
                x["range"]["end"]["line"], x["range"]["end"]["character"]) for x in d]
        check(got == expect, "version %d: %s" % (version, expect), (got, text))
        # The server's copy equals ours: the fix-all of both agree with --fix.
        fixall = [a for a in actions(c, uri, {"line": 0, "character": 0}, only=["source"])]
        fixed = apply_edits(text, edits_of(fixall[0], uri)) if fixall else text
        check(fixed == cli_fix(text, "inc.txt"), "version %d: the texts agree" % version,
              (fixed, text))
    check(c.shutdown() == 0, "clean exit")


def test_actions():
    c = started(capabilities={"workspace": {"workspaceEdit": {"documentChanges": True}}})
    uri = uri_of(WORK + "/act.md")
    text = ("Caf\u00e9 \U0001F600: A flood of migrants reached the coast.\r\n\r\n"
            "> They said \u201ca swarm of migrants\u201d.\r\n\r\n"
            "Many call them illegal aliens, and a new wave of refugees came.\r\n")
    c.open(uri, text, version=3)
    d = c.diagnostics(uri, 3)["diagnostics"]
    flood = next(x for x in d if x["code"] == "terminology.water-metaphor")
    acts = actions(c, uri, flood["range"]["start"])
    rewrites = [a for a in acts if a["title"].startswith("Rewrite as")]
    check(len(rewrites) == 2 and rewrites[0].get("isPreferred") and
          not rewrites[1].get("isPreferred"), "a quick fix per rewrite, the first preferred",
          acts)
    check(all(a["kind"] == "quickfix" and a["diagnostics"][0]["code"] == flood["code"]
              for a in rewrites), "quick fixes name their diagnostic", rewrites)
    check(rewrites[0]["edit"]["documentChanges"][0]["textDocument"]["version"] == 3,
          "edits are versioned when the client can take it", rewrites[0])
    one = apply_edits(text, edits_of(rewrites[0], uri))
    only_flood = text.split("\r\n")[0] + "\r\n"
    check(one.split("\r\n")[0] + "\r\n" == cli_fix(only_flood, "act.md"),
          "the preferred quick fix writes what --fix writes", one)
    check(one.split("\r\n")[1:] == text.split("\r\n")[1:], "and nothing else", one)
    alt = apply_edits(text, edits_of(rewrites[1], uri))
    check(rewrites[1]["title"][12:-1] in alt, "the second rewrite", (rewrites[1]["title"], alt))

    quoted = [x for x in d if x["range"]["start"]["line"] == 2]
    check(quoted, "the quoted term is reported", d)
    acts = actions(c, uri, quoted[0]["range"]["start"])
    check(not [a for a in acts if a["title"].startswith("Rewrite")],
          "no rewrite inside a quotation, as --fix", acts)
    disable = [a for a in acts if a["title"].startswith("Disable ")]
    check(len(disable) == 1, "one disable action", acts)
    (edit,) = edits_of(disable[0], uri)
    check(edit["newText"] == "> <!-- framelint-disable-next-line %s -->\r\n" % quoted[0]["code"],
          "a Markdown comment, in the block quote, with the file's line break", edit)

    # A match across a line break has rewrites, but --fix leaves it: so do
    # the quick fixes.
    u = uri_of(WORK + "/split.txt")
    split = "Calm.\nA flood\nof migrants came.\n"
    c.open(u, split, language="plaintext")
    (f,) = c.diagnostics(u)["diagnostics"]
    check(f["range"]["end"]["line"] == 2, "the finding crosses the line break", f)
    check(cli_findings(split, "split.txt")[0]["suggestions"], "and has rewrites")
    acts = actions(c, u, f["range"]["start"])
    check([a["title"] for a in acts] == ["Disable terminology.water-metaphor on this line"],
          "no rewrite across a line break, as --fix", acts)

    fixall = [a for a in actions(c, uri, {"line": 0, "character": 0}, only=["source.fixAll"])]
    check(len(fixall) == 1 and fixall[0]["kind"] == "source.fixAll.framelint",
          "only fix-all for context.only source.fixAll", fixall)
    check(apply_edits(text, edits_of(fixall[0], uri)) == cli_fix(text, "act.md"),
          "fix-all writes what --fix writes")
    acts = actions(c, uri, flood["range"]["start"], only=["quickfix"])
    check(acts and all(a["kind"] == "quickfix" for a in acts), "only quick fixes", acts)
    check(actions(c, uri, {"line": 1, "character": 0}, only=["quickfix"]) == [],
          "nothing on a line without findings")

    # Each disable action, applied, silences its rule on that line and no other.
    for name, lang, draft, comment in (
            ("dis.md", "markdown", "Intro.\n\n  A flood of migrants came.\n", "<!-- "),
            ("dis.html", "html", "<p>Intro.</p>\n<p>A flood of migrants came.</p>\n", "<!-- "),
            ("dis.txt", "plaintext", "Intro.\nA flood of migrants came.", "")):
        u = uri_of(WORK + "/" + name)
        c.open(u, draft, language=lang)
        (f,) = c.diagnostics(u)["diagnostics"]
        (dis,) = [a for a in actions(c, u, f["range"]["start"]) if a["title"].startswith("Dis")]
        (edit,) = edits_of(dis, u)
        check(edit["newText"].lstrip().startswith(comment + "framelint-disable-next-line"),
              "%s: the directive in the file's syntax" % name, edit)
        silenced = apply_edits(draft, [edit])
        c.change(u, 2, [{"text": silenced}])
        check(c.diagnostics(u, 2)["diagnostics"] == [], "%s: silenced" % name, silenced)
        gnu = subprocess.run([FRAMELINT, "--format", "gnu", "--stdin-filename", name, "-"],
                             input=silenced, capture_output=True, text=True)
        check(gnu.returncode == 0, "%s: the command line agrees" % name, gnu.stdout)
    check(c.shutdown() == 0, "clean exit")


def test_hover():
    c = started()
    uri = uri_of(WORK + "/hover.md")
    c.open(uri, DRAFT)
    c.diagnostics(uri)
    h = c.call("textDocument/hover", {"textDocument": {"uri": uri},
                                      "position": {"line": 0, "character": 5}})["result"]
    explain = subprocess.run([FRAMELINT, "--explain", "terminology.water-metaphor"],
                             capture_output=True, text=True).stdout
    check(h["contents"] == {"kind": "plaintext", "value": explain},
          "plain hover: --explain's text", h)
    check(h["range"]["start"] == {"line": 0, "character": 2}, "the finding's range", h)
    h = c.call("textDocument/hover", {"textDocument": {"uri": uri},
                                      "position": {"line": 1, "character": 0}})
    check(h["result"] is None, "no hover off a finding", h)
    c.shutdown()
    c = started(capabilities={"textDocument": {"hover": {
        "contentFormat": ["markdown", "plaintext"]}}})
    c.open(uri, DRAFT)
    c.diagnostics(uri)
    h = c.call("textDocument/hover", {"textDocument": {"uri": uri},
                                      "position": {"line": 0, "character": 5}})["result"]
    v = h["contents"]["value"]
    check(h["contents"]["kind"] == "markdown" and v.startswith(
        "**terminology.water-metaphor** (") and "**Flagged:**\n\n- " in v and
        "**Guidance:** " in v, "Markdown hover", v)
    c.shutdown()


def test_pull():
    c = started(capabilities={"textDocument": {"diagnostic": {}},
                              "workspace": {"diagnostics": {"refreshSupport": True}}})
    cap = c.init_result["capabilities"]
    check(cap["diagnosticProvider"]["identifier"] == "framelint", "pull offered", cap)
    write("pull/.framelint.yml", "rules: {}\n")
    uri = uri_of(WORK + "/pull/draft.md")
    c.open(uri, DRAFT)
    r = c.call("textDocument/diagnostic", {"textDocument": {"uri": uri}})["result"]
    check(r["kind"] == "full" and r["items"] and same_as_cli(r["items"], DRAFT, "pull/draft.md"),
          "a full report", r)
    again = c.call("textDocument/diagnostic", {"textDocument": {"uri": uri},
                                               "previousResultId": r["resultId"]})["result"]
    check(again == {"kind": "unchanged", "resultId": r["resultId"]}, "unchanged", again)
    c.change(uri, 2, [{"text": "Calm.\n"}])
    r2 = c.call("textDocument/diagnostic", {"textDocument": {"uri": uri},
                                            "previousResultId": r["resultId"]})["result"]
    check(r2["kind"] == "full" and r2["items"] == [], "after a change, full again", r2)
    c.notify("workspace/didChangeWatchedFiles", {"changes": []})
    ref = c.wait(lambda m: m.get("method") == "workspace/diagnostic/refresh", what="refresh")
    c.send({"jsonrpc": "2.0", "id": ref["id"], "result": None})
    check(not [m for m in c.seen if m.get("method") == "textDocument/publishDiagnostics"],
          "nothing pushed to a client that pulls", c.seen)
    c.shutdown()


def bad_requests(c):
    """Each malformed message and its error; the server answers the next."""
    yield b"Content-Length: five\r\n\r\n{}", -32700, None
    yield b"Content-Type: x\r\n\r\n", -32700, None
    yield frame(b'{"jsonrpc": "2.0", "id": 1, "method": '), -32700, None
    yield frame(b'{"jsonrpc": "2.0", "id": 1, "method": "x\xff"}'), -32700, None
    yield frame(b"42"), -32600, None
    yield frame(b'[{"jsonrpc": "2.0", "id": 1, "method": "shutdown"}]'), -32600, None
    yield frame(b'{"id": 7, "method": "shutdown"}'), -32600, 7
    yield frame(b'{"jsonrpc": "2.0", "id": {}, "method": "shutdown"}'), -32600, None
    yield frame(b'{"jsonrpc": "2.0", "id": 8, "method": 5}'), -32600, 8
    yield frame(b'{"jsonrpc": "2.0", "id": 9, "method": "x", "params": 3}'), -32600, 9
    yield frame(b'{"jsonrpc": "2.0", "id": 10}'), -32600, 10
    yield frame(b'{"jsonrpc": "2.0", "id": 11, "method": "frame/lint"}'), -32601, 11
    yield frame(b'{"jsonrpc": "2.0", "id": "s", "method": "textDocument/hover", "params": '
                b'{"textDocument": {"uri": "file:///x.md"}}}'), -32602, "s"
    yield frame(b'{"jsonrpc": "2.0", "id": 12, "method": "textDocument/codeAction", "params":'
                b' {"textDocument": {"uri": "file:///x.md"}, "range": {"start": "0"}}}'), \
        -32602, 12
    yield frame(b'{"jsonrpc": "2.0", "id": 13, "method": "textDocument/hover", "params": '
                b'{"textDocument": {"uri": "file:///nowhere.md"}, '
                b'"position": {"line": 0, "character": 0}}}'), -32602, 13


def test_bad_input():
    c = started()
    for data, code, rid in bad_requests(c):
        c.raw(data)
        r = c.wait(lambda m: "error" in m, what="an error for %r" % data[:60])
        check(r["error"]["code"] == code and r["id"] == rid,
              "%r: %d" % (data[:70], code), r)
        check(c.call("textDocument/diagnostic", {})["error"]["code"] in (-32602, -32601),
              "alive after %r" % data[:40])
    c.notify("no/such/notification", {})
    c.notify("textDocument/didChange", {"textDocument": {"uri": "file:///nowhere.md",
                                                         "version": 2}, "contentChanges": []})
    log = c.wait(lambda m: m.get("method") == "window/logMessage", what="a log message")
    check(log["params"]["type"] == 1 and "unknown document file:///nowhere.md" in
          log["params"]["message"], "a change to an unknown document is logged", log)
    uri = uri_of(WORK + "/bad.md")
    c.open(uri, "A flood\u0000 of migrants. A flood of migrants.\n")
    check(len(c.diagnostics(uri)["diagnostics"]) >= 1, "a NUL in the text is linted around")
    c.change(uri, 2, [{"range": {"start": {"line": 0, "character": 5},
                                 "end": {"line": 0, "character": 1}}, "text": "x"}])
    log = c.wait(lambda m: m.get("method") == "window/logMessage", what="a log message")
    check("ends before it starts" in log["params"]["message"], "a reversed range", log)
    c.change(uri, 3, [{"range": {"start": {"line": 99, "character": 99},
                                 "end": {"line": 120, "character": 0}}, "text": "!"}])
    check(c.diagnostics(uri, 3)["diagnostics"], "a range past the end appends")
    c.raw(b"Content-Length: 10\r\n\r\n{}")  # cut short: ends the input mid-message
    c.close_stdin()
    check(c.finish() == 1, "a truncated message at the end: status 1, no crash")
    c.err_reader.join(5)
    check(b"stdin ended inside a message" in c.stderr, "and says so", c.stderr)


def test_big():
    c = started(options={"debounceMs": 150})
    uri = uri_of(WORK + "/big.md")
    base = open(os.path.join(os.path.dirname(__file__), "..", "..", "corpora", "drafts",
                             "press-release.md"), encoding="utf-8").read()
    big = (base * (10_000_000 // len(base) + 1))[:10_000_000]
    small = uri_of(WORK + "/small.md")
    c.open(small, DRAFT)
    c.diagnostics(small)
    t0 = time.monotonic()
    c.open(uri, big)
    hover = c.request("textDocument/hover", {"textDocument": {"uri": uri},
                                             "position": {"line": 0, "character": 0}})
    c.notify("$/cancelRequest", {"id": hover})
    ping = c.request("no/such/method")
    r = c.response(ping, timeout=30)
    answered = time.monotonic() - t0
    check(r["error"]["code"] == -32601, "answered while the big draft is linted", r)
    r = c.response(hover, timeout=60)
    check(r.get("error", {}).get("code") == -32800, "the queued hover was cancelled", r)
    d = c.diagnostics(uri, timeout=120)["diagnostics"]
    linted = time.monotonic() - t0
    check(len(d) > 1000, "the 10 MB draft's findings arrive", len(d))
    check(answered < linted, "the next message was read before the lint ended",
          (answered, linted))
    print("10 MB draft: next message answered after %.0f ms, diagnostics after %.0f ms"
          % (answered * 1000, linted * 1000))
    # Freeing a 10 MB document's findings takes seconds under sanitizers on
    # a loaded machine; the exit itself is what is checked here.
    c.shutdown(timeout=60)


GROUPS = {name[5:]: fn for name, fn in globals().items() if name.startswith("test_")}


def main():
    global FRAMELINT, WORK
    if len(sys.argv) != 4 or sys.argv[2] not in GROUPS:
        sys.exit("usage: protocol.py FRAMELINT {%s} WORKDIR" % ",".join(GROUPS))
    FRAMELINT, group, WORK = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
    WORK = os.path.abspath(os.path.join(WORK, group))
    os.makedirs(WORK, exist_ok=True)
    try:
        GROUPS[group]()
    except ProtocolError as e:
        print("FAILED: %s" % e)
        print("%d passed, 1 failed" % checks)
        sys.exit(1)
    print("%d passed, 0 failed" % checks)


if __name__ == "__main__":
    main()
