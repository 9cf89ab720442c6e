# A file over the 1 GiB limit (sparse, so it costs no disk) is refused from
# its size before a byte is read: the run ends at once with the limit's
# message. Reading it first took seconds and a gigabyte of memory; the
# TIMEOUT here is what tells the two apart.
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)

execute_process(COMMAND truncate -s 2G "${WORK_DIR}/huge.md" RESULT_VARIABLE made)
if(NOT made EQUAL 0)
  message(FATAL_ERROR "truncate could not make a sparse file in ${WORK_DIR}")
endif()
execute_process(COMMAND "${FRAMELINT}" --no-config huge.md
  WORKING_DIRECTORY "${WORK_DIR}"
  INPUT_FILE /dev/null
  OUTPUT_FILE "${WORK_DIR}/stdout"
  ERROR_VARIABLE bad_err
  RESULT_VARIABLE bad_code
  TIMEOUT 4)
set(bad_args "--no-config huge.md")
file(REMOVE "${WORK_DIR}/huge.md")
fl_bad_expect_code(2)
fl_bad_expect_stderr("^framelint: huge\\.md: file is larger than 1 GiB, the most framelint reads")
fl_bad_done()
