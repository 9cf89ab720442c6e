# Shared by the pathological-input scripts: each one writes its data under
# WORK_DIR at test time, runs framelint and checks only that the run ended
# normally (an allowed exit code, nothing on stderr but notices or the one
# expected error). Speed is the benchmark's business; ctest's TIMEOUT is the
# hang guard.
cmake_minimum_required(VERSION 3.25)

foreach(var FRAMELINT WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "this script needs -D${var}=...")
  endif()
endforeach()
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
unset(ENV{NO_COLOR})
set(ENV{TERM} dumb)

set(FL_TEST_RULES "${CMAKE_CURRENT_LIST_DIR}/../rules")

# Runs framelint in WORK_DIR with the given arguments. Stdout goes to a file
# (it can run to megabytes); sets bad_code and bad_err in the caller.
function(fl_bad_run)
  set(bad_args "${ARGN}" PARENT_SCOPE)
  execute_process(COMMAND "${FRAMELINT}" ${ARGN}
    WORKING_DIRECTORY "${WORK_DIR}"
    INPUT_FILE /dev/null
    OUTPUT_FILE "${WORK_DIR}/stdout"
    ERROR_VARIABLE err
    RESULT_VARIABLE code
    TIMEOUT 280)
  set(bad_code "${code}" PARENT_SCOPE)
  set(bad_err "${err}" PARENT_SCOPE)
endfunction()

function(fl_bad_fail what)
  string(SUBSTRING "${bad_err}" 0 2000 err_head)
  file(READ "${WORK_DIR}/stdout" out_head LIMIT 2000)
  list(JOIN bad_args " " shown)
  message(FATAL_ERROR "${what}\n  command: (cd ${WORK_DIR} && framelint ${shown})\n"
                      "  exit: ${bad_code}\n  stderr (start):\n${err_head}\n"
                      "  stdout (start):\n${out_head}")
endfunction()

# The exit code is one of the arguments.
function(fl_bad_expect_code)
  if(NOT bad_code IN_LIST ARGN)
    fl_bad_fail("expected exit code ${ARGN}")
  endif()
endfunction()

# Stderr holds nothing but "path:line:column: notice: ..." lines.
function(fl_bad_expect_only_notices)
  string(REGEX REPLACE "[^\n]*:[0-9]+:[0-9]+: notice: [^\n]*\n" "" rest "${bad_err}")
  if(NOT rest STREQUAL "")
    fl_bad_fail("expected stderr to hold notices only")
  endif()
endfunction()

function(fl_bad_expect_stderr regex)
  if(NOT bad_err MATCHES "${regex}")
    fl_bad_fail("expected stderr to match '${regex}'")
  endif()
endfunction()

# Checks the start of stdout, which is all a reader of megabytes needs.
function(fl_bad_expect_stdout regex)
  file(READ "${WORK_DIR}/stdout" head LIMIT 65536)
  if(NOT head MATCHES "${regex}")
    fl_bad_fail("expected stdout to match '${regex}'")
  endif()
endfunction()

# For small outputs: counts newlines (a CMake list would trip on brackets).
function(fl_bad_expect_lines count)
  file(READ "${WORK_DIR}/stdout" out)
  string(REGEX REPLACE "[^\n]" "" newlines "${out}")
  string(LENGTH "${newlines}" n)
  if(NOT n EQUAL count)
    fl_bad_fail("expected ${count} lines on stdout, not ${n}")
  endif()
endfunction()

function(fl_bad_expect_empty_stdout)
  file(SIZE "${WORK_DIR}/stdout" size)
  if(NOT size EQUAL 0)
    fl_bad_fail("expected no output on stdout")
  endif()
endfunction()

# Passed: the data is not worth keeping (the long line is 50 MB), unless
# FL_BAD_KEEP=1 asks for it.
function(fl_bad_done)
  if(NOT "$ENV{FL_BAD_KEEP}" STREQUAL "1")
    file(REMOVE_RECURSE "${WORK_DIR}")
  endif()
endfunction()
