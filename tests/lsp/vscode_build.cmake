# Builds contrib/vscode as its README says (npm ci, npm run compile) in a
# copy under the build folder, so node_modules never lands in the source
# tree; and checks the lock file names no registry (no "resolved" URLs).
# Skipped without npm. No VS Code is downloaded: only the client library
# and the TypeScript compiler come from the npm registry.
# cmake -DNPM=... -DSOURCE_DIR=... -DWORK=... -P vscode_build.cmake
set(ext ${SOURCE_DIR}/contrib/vscode)
file(READ ${ext}/package-lock.json lock)
if(lock MATCHES "\"resolved\"|https?://")
  message(FATAL_ERROR "contrib/vscode/package-lock.json names a registry: keep "
                      "omit-lockfile-registry-resolved=true in contrib/vscode/.npmrc")
endif()
if(NOT NPM)
  message("SKIPPED: npm is not installed")
  return()
endif()
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
foreach(f package.json package-lock.json tsconfig.json .npmrc)
  file(COPY ${ext}/${f} DESTINATION ${WORK})
endforeach()
file(COPY ${ext}/src DESTINATION ${WORK})
foreach(step "ci;--no-audit;--no-fund" "run;compile")
  execute_process(COMMAND ${NPM} ${step} WORKING_DIRECTORY ${WORK} TIMEOUT 600
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " shown "${step}")
    message(FATAL_ERROR "npm ${shown} failed (${rc}):\n${out}")
  endif()
endforeach()
if(NOT EXISTS ${WORK}/out/extension.js)
  message(FATAL_ERROR "npm run compile wrote no out/extension.js")
endif()
message("the extension builds")
