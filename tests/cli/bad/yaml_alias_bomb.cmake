# A "billion laughs" file, ten anchors each aliased ten times over and 1,000
# aliases in all, as a rule file and as a .framelint.yml: both are refused
# at the first anchor with exit 2 and a file:line:column message, before any
# alias is expanded.
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)

set(yaml "ruleset: bomb\nlanguage: en\nlists:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
foreach(i RANGE 1 9)
  math(EXPR prev "${i} - 1")
  string(REPEAT "*a${prev}, " 9 nine)
  string(APPEND yaml "  a${i}: &a${i} [${nine}*a${prev}]\n")
endforeach()
string(REPEAT "*a9, " 909 many)
string(APPEND yaml "  all: [${many}*a9]\n")
file(WRITE "${WORK_DIR}/bomb.yml" "${yaml}")
string(REGEX MATCHALL "\\*a" aliases "${yaml}")
list(LENGTH aliases n)
if(NOT n EQUAL 1000)
  message(FATAL_ERROR "the bomb has ${n} aliases, not 1000")
endif()

file(WRITE "${WORK_DIR}/draft.md" "A flood of migrants came.\n")
fl_bad_run(--no-config --no-default-rules --rules bomb.yml draft.md)
fl_bad_expect_code(2)
fl_bad_expect_stderr("^framelint: bomb\\.yml:4:7: [^\n]*anchors and aliases[^\n]*\n$")
fl_bad_expect_empty_stdout()

file(MAKE_DIRECTORY "${WORK_DIR}/team")
string(REPLACE "ruleset: bomb\nlanguage: en\nlists:\n" "allow:\n" config "${yaml}")
file(WRITE "${WORK_DIR}/team/.framelint.yml" "${config}")
file(WRITE "${WORK_DIR}/team/draft.md" "A flood of migrants came.\n")
fl_bad_run(--no-default-rules --rules "${FL_TEST_RULES}/basic.yml" team/draft.md)
fl_bad_expect_code(2)
fl_bad_expect_stderr("^framelint: team/\\.framelint\\.yml:2:7: [^\n]*anchors and aliases[^\n]*\n$")
fl_bad_expect_empty_stdout()
fl_bad_done()
