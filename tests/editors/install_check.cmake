# Installs the build into a scratch prefix and checks that everything a
# packager ships is there, and that a program builds against it through
# pkg-config and through the CMake package, and runs.
# cmake -DBUILD_DIR= -DPREFIX= -DSOURCE_DIR= -DCC= -DSANITIZE= -DBINDIR=
#       -DLIBDIR= -DINCLUDEDIR= -DMANDIR= -DDATADIR= -DAPI_VERSION=MAJOR.MINOR
#       -P install_check.cmake
file(REMOVE_RECURSE ${PREFIX})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX}
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${err}")
endif()

set(expected
  ${BINDIR}/framelint
  ${INCLUDEDIR}/framelint/framelint.h
  ${INCLUDEDIR}/framelint/fl_export.h
  ${INCLUDEDIR}/framelint/fl_version.h
  ${LIBDIR}/pkgconfig/framelint.pc
  ${LIBDIR}/cmake/framelint/framelintConfig.cmake
  ${LIBDIR}/cmake/framelint/framelintConfigVersion.cmake
  ${LIBDIR}/cmake/framelint/framelint-targets.cmake
  ${MANDIR}/man1/framelint.1
  ${DATADIR}/bash-completion/completions/framelint
  ${DATADIR}/zsh/vendor-completions/_framelint)
foreach(f IN LISTS expected)
  if(NOT EXISTS ${PREFIX}/${f})
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()
file(GLOB libs ${PREFIX}/${LIBDIR}/libframelint.*)
if(NOT libs)
  message(FATAL_ERROR "not installed: ${LIBDIR}/libframelint.a or .so")
endif()

# A sanitized library needs its runtime in whatever links it.
set(flags "")
if(SANITIZE)
  set(flags -fsanitize=address,undefined)
endif()
set(ENV{LD_LIBRARY_PATH} ${PREFIX}/${LIBDIR})

# Runs the program built from install_smoke.c and checks it found something.
function(run_smoke exe how)
  execute_process(COMMAND ${exe} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT out MATCHES "^draft\\.md:1:[0-9]+: .+ \\[[a-z0-9.-]+\\]\n$")
    message(FATAL_ERROR "the program built ${how} did not report a finding "
                        "(exit ${rc}): ${out}${err}")
  endif()
endfunction()

# pkg-config. framelint.pc names the configured prefix, so the scratch one
# is passed in; --static adds the libraries a static libframelint needs.
find_program(PKG_CONFIG pkg-config REQUIRED)
set(ENV{PKG_CONFIG_PATH} ${PREFIX}/${LIBDIR}/pkgconfig)
execute_process(
  COMMAND ${PKG_CONFIG} --define-variable=prefix=${PREFIX} --static --cflags --libs framelint
  RESULT_VARIABLE rc OUTPUT_VARIABLE pc ERROR_VARIABLE err OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT rc EQUAL 0 OR NOT pc MATCHES "-I${PREFIX}/${INCLUDEDIR}" OR
   NOT pc MATCHES "-L${PREFIX}/${LIBDIR} -lframelint")
  message(FATAL_ERROR "pkg-config --cflags --libs framelint gave '${pc}' ${err}")
endif()
separate_arguments(pc UNIX_COMMAND "${pc}")
execute_process(
  COMMAND ${CC} ${flags} ${SOURCE_DIR}/tests/editors/install_smoke.c ${pc}
          -o ${PREFIX}/smoke-pkg-config
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building against the installed library with pkg-config "
                      "failed: ${out}")
endif()
run_smoke(${PREFIX}/smoke-pkg-config "with pkg-config")

# The CMake package: find_package(framelint) and framelint::framelint. The
# consumer asks for the API it is written against (install_smoke.c uses
# this version's); before 1.0 each minor version is its own API.
set(consumer ${PREFIX}/consumer)
file(MAKE_DIRECTORY ${consumer})
file(WRITE ${consumer}/CMakeLists.txt
  "cmake_minimum_required(VERSION 3.25)\nproject(consumer C)\n"
  "find_package(framelint ${API_VERSION} REQUIRED)\n"
  "add_executable(smoke ${SOURCE_DIR}/tests/editors/install_smoke.c)\n"
  # The documented name: a consumer never sees the build's own target name.
  "target_link_libraries(smoke PRIVATE framelint::framelint)\n")
string(JOIN " " cflags ${flags})
execute_process(
  COMMAND ${CMAKE_COMMAND} -S ${consumer} -B ${consumer}/build -DCMAKE_C_COMPILER=${CC}
          -DCMAKE_PREFIX_PATH=${PREFIX} "-DCMAKE_C_FLAGS=${cflags}"
          "-DCMAKE_EXE_LINKER_FLAGS=${cflags}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(rc EQUAL 0)
  execute_process(COMMAND ${CMAKE_COMMAND} --build ${consumer}/build
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
endif()
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building against the installed CMake package failed: ${out}")
endif()

run_smoke(${consumer}/build/smoke "with find_package(framelint)")

# A consumer written for an older API must not find this one and then
# fail to compile, or worse, link: find_package refuses it.
string(REGEX MATCH "^([0-9]+)\\.([0-9]+)$" parts "${API_VERSION}")
if(CMAKE_MATCH_1 EQUAL 0 AND CMAKE_MATCH_2 GREATER 0)
  math(EXPR older "${CMAKE_MATCH_2} - 1")
  set(old ${PREFIX}/consumer-old)
  file(MAKE_DIRECTORY ${old})
  file(WRITE ${old}/CMakeLists.txt
    "cmake_minimum_required(VERSION 3.25)\nproject(consumer C NONE)\n"
    "find_package(framelint 0.${older} REQUIRED)\n")
  execute_process(
    COMMAND ${CMAKE_COMMAND} -S ${old} -B ${old}/build -DCMAKE_PREFIX_PATH=${PREFIX}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(rc EQUAL 0)
    message(FATAL_ERROR "find_package(framelint 0.${older}) accepted ${API_VERSION}")
  endif()
endif()
message("installed and used from ${PREFIX}")
