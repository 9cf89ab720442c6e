# Seed replay, in every build: each tests/fuzz/fuzz_<target>.c is also linked
# with replay_main.c, a plain main() that feeds every file of
# tests/fuzz/seeds/<target>/ to LLVMFuzzerTestOneInput. One ctest per target
# (fuzz.replay.<target>), so every past crash stays fixed, with gcc or clang,
# and under FL_SANITIZE=ON where it matters most. Included by
# tests/CMakeLists.txt.
set(FL_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})
file(GLOB FL_REPLAY_SOURCES CONFIGURE_DEPENDS ${FL_FUZZ_DIR}/fuzz_*.c)
list(SORT FL_REPLAY_SOURCES)
foreach(src IN LISTS FL_REPLAY_SOURCES)
  get_filename_component(stem ${src} NAME_WE)
  string(REGEX REPLACE "^fuzz_" "" target ${stem})
  set(exe fuzz_replay_${target})
  add_executable(${exe} ${FL_FUZZ_DIR}/replay_main.c ${FL_FUZZ_DIR}/checks.c ${src})
  target_include_directories(${exe} PRIVATE ${CMAKE_SOURCE_DIR}/src/lib ${FL_FUZZ_DIR})
  target_link_libraries(${exe} PRIVATE fl_objs ${FL_FUZZ_LINK_${target}})
  target_compile_definitions(${exe} PRIVATE FRAMELINT_STATIC_DEFINE
                             _POSIX_C_SOURCE=200809L)
  fl_target_warnings(${exe})
  add_test(NAME fuzz.replay.${target}
           COMMAND ${exe} ${FL_FUZZ_DIR}/seeds/${target})
  set_tests_properties(fuzz.replay.${target} PROPERTIES LABELS fuzz TIMEOUT 300)
endforeach()
