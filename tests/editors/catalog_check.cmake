# Regenerates the rules catalogue into the build tree and fails when the
# committed docs/rules-catalog.md differs from it.
# cmake -DCATALOG=fl_catalog -DGENERATED=... -DCOMMITTED=... -P catalog_check.cmake
get_filename_component(dir ${GENERATED} DIRECTORY)
file(MAKE_DIRECTORY ${dir})
execute_process(COMMAND ${CATALOG} ${GENERATED} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "fl_catalog failed: ${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${GENERATED} ${COMMITTED}
                RESULT_VARIABLE differs)
if(differs)
  message(FATAL_ERROR "docs/rules-catalog.md is stale: run cmake --build build "
                      "--target catalog (compare ${GENERATED})")
endif()
