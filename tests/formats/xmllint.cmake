# Lints the hostile sample, copied under a file name full of XML's special
# characters, with --format checkstyle, and has xmllint check that the
# result is well-formed. Prints "SKIPPED" (and the test is skipped) when
# xmllint is not installed (Debian package libxml2-utils).
# Variables: FRAMELINT, SAMPLE, RULES, WORK_DIR.
find_program(XMLLINT xmllint)
if(NOT XMLLINT)
  message("SKIPPED: xmllint not found; install libxml2-utils to run this test")
  return()
endif()
file(MAKE_DIRECTORY "${WORK_DIR}")
set(draft "${WORK_DIR}/a b&c<d>\"e'f:g,h %41 é.txt")
set(report "${WORK_DIR}/checkstyle.xml")
file(COPY_FILE "${SAMPLE}" "${draft}")
execute_process(COMMAND "${FRAMELINT}" --no-config --rules "${RULES}" --format checkstyle
                        "${draft}"
                OUTPUT_FILE "${report}" ERROR_QUIET RESULT_VARIABLE code)
if(NOT code EQUAL 1)
  message(FATAL_ERROR "framelint exited with ${code}, expected 1 (findings)")
endif()
file(READ "${report}" xml)
foreach(want "source=\"framelint.hostile.braced\"" "source=\"framelint.terminology.")
  string(FIND "${xml}" "${want}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the report has no ${want}:\n${xml}")
  endif()
endforeach()
execute_process(COMMAND "${XMLLINT}" --noout "${report}" RESULT_VARIABLE code)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "xmllint rejects the checkstyle report:\n${xml}")
endif()
