# The language server (framelint lsp): unit suites for its framing and text
# modules (they need the command's objects), protocol tests driven by a
# scripted client over pipes, the real Neovim client, and the VS Code
# extension's build. Included by tests/CMakeLists.txt.
set(FL_LSP_DIR ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(fl_unit PRIVATE fl_cli)

# Protocol tests: tests/lsp/protocol.py drives `framelint lsp` over pipes,
# one ctest per group of cases (protocol.py lists them).
find_package(Python3 COMPONENTS Interpreter)
set(FL_LSP_WORK ${CMAKE_CURRENT_BINARY_DIR}/lsp)
set(FL_LSP_GROUPS lifecycle documents config encodings incremental actions hover pull
    bad_input big)
foreach(group IN LISTS FL_LSP_GROUPS)
  if(Python3_Interpreter_FOUND)
    add_test(NAME lsp.${group}
             COMMAND Python3::Interpreter ${FL_LSP_DIR}/protocol.py $<TARGET_FILE:framelint>
                     ${group} ${FL_LSP_WORK})
  else()
    add_test(NAME lsp.${group} COMMAND ${CMAKE_COMMAND} -E echo "SKIPPED: python3 is missing")
  endif()
  set_tests_properties(lsp.${group} PROPERTIES LABELS lsp TIMEOUT 300
    SKIP_REGULAR_EXPRESSION "SKIPPED:")
endforeach()

# The real client: Neovim's built-in LSP client, headless.
find_program(FL_NVIM NAMES nvim)
add_test(NAME lsp.neovim
  COMMAND ${CMAKE_COMMAND} -DNVIM=${FL_NVIM} -DFRAMELINT=$<TARGET_FILE:framelint>
          -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DWORK=${FL_LSP_WORK}/neovim
          -P ${FL_LSP_DIR}/nvim_quickfix.cmake)
set_tests_properties(lsp.neovim PROPERTIES LABELS "lsp;editors" TIMEOUT 180
  SKIP_REGULAR_EXPRESSION "SKIPPED:")

# contrib/vscode builds with npm ci && npm run compile (skipped without npm).
find_program(FL_NPM NAMES npm)
add_test(NAME lsp.vscode-extension
  COMMAND ${CMAKE_COMMAND} -DNPM=${FL_NPM} -DSOURCE_DIR=${CMAKE_SOURCE_DIR}
          -DWORK=${FL_LSP_WORK}/vscode -P ${FL_LSP_DIR}/vscode_build.cmake)
set_tests_properties(lsp.vscode-extension PROPERTIES LABELS "lsp;editors" TIMEOUT 900
  SKIP_REGULAR_EXPRESSION "SKIPPED:")
