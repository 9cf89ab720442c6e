# Standard input from a device: `framelint - < /dev/zero` read a gigabyte
# before refusing it (issue 8, item 9). It is refused before any read, so
# the run ends at once; /dev/null is still an empty draft. (A device named
# as a path is the golden case cli.device.)
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)

foreach(input /dev/zero /dev/null)
  execute_process(COMMAND "${FRAMELINT}" --no-config -
    WORKING_DIRECTORY "${WORK_DIR}"
    INPUT_FILE ${input}
    OUTPUT_FILE "${WORK_DIR}/stdout"
    ERROR_VARIABLE bad_err
    RESULT_VARIABLE bad_code
    TIMEOUT 10)
  set(bad_args "--no-config - < ${input}")
  if(input STREQUAL "/dev/zero")
    fl_bad_expect_code(2)
    fl_bad_expect_stderr("^framelint: -: not a regular file \\(a device or socket\\)")
  else()
    fl_bad_expect_code(0)
    fl_bad_expect_empty_stdout()
  endif()
endforeach()
fl_bad_done()
