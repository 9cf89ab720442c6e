# Pre-commit hooks: contrib/git-hooks/pre-commit with real git, and
# .pre-commit-hooks.yaml under the real pre-commit framework (skipped, and
# passing, when pre-commit is not installed; scripts/setup installs it).
add_test(NAME hooks.git
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/git.sh $<TARGET_FILE:framelint> ${CMAKE_SOURCE_DIR})
add_test(NAME hooks.pre-commit
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/pre-commit.sh $<TARGET_FILE:framelint>
                 ${CMAKE_SOURCE_DIR})
set_tests_properties(hooks.git hooks.pre-commit PROPERTIES LABELS hooks TIMEOUT 300)
