# The HTML report in headless Chromium (html.chromium): every finding marked
# on its words, nothing from the drafts run. Skips with a message when
# chromium is absent; scripts/setup installs it. Included by
# tests/CMakeLists.txt.
add_test(NAME html.chromium
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/chromium.sh $<TARGET_FILE:framelint>)
set_tests_properties(html.chromium PROPERTIES LABELS html TIMEOUT 120
                     SKIP_REGULAR_EXPRESSION "SKIPPED: ")
