# framelint stats from outside: the SVG chart against the JSON (stats.svg), and
# periods against Python's calendar for every day of 2015-2030 (stats.weeks).
# The hand-counted numbers are golden cases in tests/cli/stats-*.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  foreach(check svg weeks)
    add_test(NAME stats.${check}
      COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/check_stats.py ${check}
              $<TARGET_FILE:framelint> ${CMAKE_CURRENT_SOURCE_DIR}/cli/rules/basic.yml
              ${CMAKE_CURRENT_BINARY_DIR}/stats)
    set_tests_properties(stats.${check} PROPERTIES LABELS stats TIMEOUT 300)
  endforeach()
endif()
