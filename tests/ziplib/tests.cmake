# ziplib.c again, pointed at a library that does not exist (missing.c).
add_executable(fl_ziplib_missing ${CMAKE_CURRENT_LIST_DIR}/missing.c
               ${CMAKE_SOURCE_DIR}/src/lib/ziplib.c ${CMAKE_SOURCE_DIR}/src/lib/error.c)
target_include_directories(fl_ziplib_missing PRIVATE ${CMAKE_SOURCE_DIR}/src/lib
                           ${CMAKE_SOURCE_DIR}/include ${CMAKE_BINARY_DIR}/include)
target_compile_definitions(fl_ziplib_missing PRIVATE FRAMELINT_STATIC_DEFINE
  _POSIX_C_SOURCE=200809L FL_LIBZIP_SONAME="libzip-framelint-test-missing.so.0")
target_link_libraries(fl_ziplib_missing PRIVATE PkgConfig::CHECK fl_zip_headers)
fl_target_warnings(fl_ziplib_missing)
target_compile_options(fl_ziplib_missing PRIVATE -Wno-pedantic -Wno-missing-prototypes)
add_test(NAME unit.ziplib-missing COMMAND fl_ziplib_missing)
set_tests_properties(unit.ziplib-missing PROPERTIES LABELS unit)
