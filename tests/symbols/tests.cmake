# The library's symbols stay in its namespace (see check_symbols.cmake).
add_test(NAME symbols.namespace
  COMMAND ${CMAKE_COMMAND} -DLIBRARY=$<TARGET_FILE:framelint_lib>
          -DSHARED=${BUILD_SHARED_LIBS} -P ${CMAKE_CURRENT_LIST_DIR}/check_symbols.cmake)
