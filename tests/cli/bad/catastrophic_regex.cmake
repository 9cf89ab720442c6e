# A pattern rule that backtracks exponentially, `(a+)+$`, on a 100,000-letter
# run of a's and on 200 short sentences that each hit the match limit: the
# first ten are skipped with a notice each, then the rule is switched off for
# the rest of the document, and the run ends normally.
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)

file(WRITE "${WORK_DIR}/slow.yml" [=[
ruleset: slow
language: en
guidance: terminology
rules:
  - id: nested
    kind: pattern
    category: loaded-term
    message: "A run of a's."
    explain: Backtracks exponentially when the run is not at the sentence's end.
    pattern: '(a+)+$'
]=])
string(REPEAT "a" 100000 run)
string(REPEAT "a" 40 short)
string(REPEAT "A${short}b.\n\n" 200 sentences)
file(WRITE "${WORK_DIR}/aaa.txt" "${run}b\n\n${sentences}")

fl_bad_run(--no-config --no-default-rules --rules slow.yml -f gnu aaa.txt)
fl_bad_expect_code(0)
fl_bad_expect_only_notices()
fl_bad_expect_stderr("^aaa\\.txt:1:1: notice: rule slow\\.nested [^\n]*match limit")
fl_bad_expect_stderr("notice: rule slow\\.nested hit a regular expression limit 10 times; it is off for the rest of this document")
fl_bad_expect_empty_stdout()
fl_bad_done()
