# The public header documents the status codes of every fallible function
# (error_docs.py), and the check can fail (--self-test removes a "Fails
# with" sentence and invents a code, and expects both caught). unit.api
# checks the other way: the codes functions return are the ones listed.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  foreach(mode IN ITEMS check self-test)
    if(mode STREQUAL "check")
      set(flag "")
    else()
      set(flag --self-test)
    endif()
    add_test(NAME api.error-docs-${mode}
      COMMAND Python3::Interpreter ${CMAKE_CURRENT_LIST_DIR}/error_docs.py ${flag}
              ${CMAKE_SOURCE_DIR}/include/framelint/framelint.h)
    set_tests_properties(api.error-docs-${mode} PROPERTIES LABELS api TIMEOUT 60)
  endforeach()
else()
  message(WARNING "python3 not found: the header's status-code documentation is not checked")
endif()
