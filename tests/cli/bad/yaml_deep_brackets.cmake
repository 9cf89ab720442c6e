# 20,000 nested '[' as a rule file and as a .framelint.yml: refused at the
# nesting limit with exit 2 and a file:line:column message, with no deep
# recursion on the way.
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)

string(REPEAT "[" 20000 open)
file(WRITE "${WORK_DIR}/deep.yml" "${open}\n")
file(WRITE "${WORK_DIR}/draft.md" "A flood of migrants came.\n")
fl_bad_run(--no-config --no-default-rules --rules deep.yml draft.md)
fl_bad_expect_code(2)
fl_bad_expect_stderr("^framelint: deep\\.yml:1:[0-9]+: [^\n]*nesting[^\n]*\n$")
fl_bad_expect_empty_stdout()

file(MAKE_DIRECTORY "${WORK_DIR}/team")
file(WRITE "${WORK_DIR}/team/.framelint.yml" "allow: ${open}\n")
file(WRITE "${WORK_DIR}/team/draft.md" "A flood of migrants came.\n")
fl_bad_run(--no-default-rules --rules "${FL_TEST_RULES}/basic.yml" team/draft.md)
fl_bad_expect_code(2)
fl_bad_expect_stderr("^framelint: team/\\.framelint\\.yml:1:[0-9]+: [^\n]*nesting[^\n]*\n$")
fl_bad_expect_empty_stdout()
fl_bad_done()
