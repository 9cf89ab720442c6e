# contrib/dask on a 2-worker LocalCluster equals single-process framelint stats.
# Debian's python3-dask is for the system python3, which may not be the first
# python3 on PATH (pyenv): that one is preferred. Skipped (77) without Dask.
find_program(FL_SYSTEM_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH)
find_package(Python3 COMPONENTS Interpreter)
set(fl_dask_python "${FL_SYSTEM_PYTHON3}")
if(NOT fl_dask_python)
  set(fl_dask_python "${Python3_EXECUTABLE}")
endif()
if(fl_dask_python)
  add_test(NAME dask.local-cluster
    COMMAND ${fl_dask_python} ${CMAKE_CURRENT_LIST_DIR}/check_dask.py
            $<TARGET_FILE:framelint> ${CMAKE_CURRENT_SOURCE_DIR}/cli/rules/basic.yml
            ${CMAKE_SOURCE_DIR}/contrib/dask ${CMAKE_CURRENT_BINARY_DIR}/dask)
  set_tests_properties(dask.local-cluster PROPERTIES LABELS dask TIMEOUT 300
                       SKIP_RETURN_CODE 77)
endif()
