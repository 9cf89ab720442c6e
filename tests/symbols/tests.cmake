# The library's symbols stay in its namespace (see check_symbols.cmake).
add_test(NAME symbols.namespace
  COMMAND ${CMAKE_COMMAND} -DLIBRARY=$<TARGET_FILE:framelint_lib>
          -DSHARED=${BUILD_SHARED_LIBS} -P ${CMAKE_CURRENT_LIST_DIR}/check_symbols.cmake)

# The command does not load libzip (and the libcrypto it brings) at start:
# ziplib.c opens it for the first .docx or .odt. A NEEDED entry for it
# would put about a millisecond back on every run.
add_test(NAME symbols.libzip-loaded-late
  COMMAND ${CMAKE_COMMAND} -DBINARY=$<TARGET_FILE:framelint> -DOBJDUMP=${CMAKE_OBJDUMP}
          -P ${CMAKE_CURRENT_LIST_DIR}/check_needed.cmake)
