# CI formats checked by a real client: the checkstyle report of a hostile
# sample must satisfy xmllint (skipped when xmllint is absent).
add_test(NAME formats.checkstyle-xmllint
         COMMAND ${CMAKE_COMMAND} -DFRAMELINT=$<TARGET_FILE:framelint>
                 -DSAMPLE=${CMAKE_CURRENT_LIST_DIR}/hostile.txt
                 -DRULES=${CMAKE_CURRENT_LIST_DIR}/hostile-rules.yml
                 -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/formats
                 -P ${CMAKE_CURRENT_LIST_DIR}/xmllint.cmake)
set_tests_properties(formats.checkstyle-xmllint PROPERTIES LABELS formats TIMEOUT 60
                     SKIP_REGULAR_EXPRESSION "SKIPPED: xmllint not found")
