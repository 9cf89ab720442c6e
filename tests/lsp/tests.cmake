# The language server (framelint lsp): unit suites for its framing and text
# modules (they need the command's objects), protocol tests driven by a
# scripted client over pipes, the real Neovim client, and the VS Code
# extension's build. Included by tests/CMakeLists.txt.
set(FL_LSP_DIR ${CMAKE_CURRENT_LIST_DIR})
target_include_directories(fl_unit PRIVATE ${CMAKE_SOURCE_DIR}/src/cli)
target_link_libraries(fl_unit PRIVATE fl_cli)
