# Checks that docs/framelint.1 renders without a single groff warning and
# documents every long option that `framelint --help` lists.
# cmake -DGROFF=... -DFRAMELINT=... -DPAGE=... -P man_check.cmake
file(READ ${PAGE} page)
execute_process(COMMAND ${FRAMELINT} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
string(REGEX MATCHALL "--[a-z][a-z-]*" options "${help}")
list(REMOVE_DUPLICATES options)
foreach(opt IN LISTS options)
  string(REPLACE "-" "\\-" roff "${opt}")
  string(FIND "${page}" "${roff}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "docs/framelint.1 does not document ${opt} (from framelint --help)")
  endif()
endforeach()
if(NOT GROFF)
  message("SKIPPED: groff is not installed; ${PAGE} documents every option")
  return()
endif()
execute_process(COMMAND ${GROFF} -man -ww -z ${PAGE}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT err STREQUAL "")
  message(FATAL_ERROR "groff -man -ww -z ${PAGE} complained (exit ${rc}):\n${err}")
endif()
