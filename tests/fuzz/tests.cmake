# Fuzz targets for every parser.  In every build their entry points replay the
# saved regression inputs; with -DPEEL_FUZZ=ON (clang) they are also built as
# libFuzzer programs and run for a bounded time.
set(FUZZ_DIR ${CMAKE_CURRENT_SOURCE_DIR}/fuzz)
set(FUZZ_TARGETS report csv num catalogs)
set(FUZZ_LIBS_report peel_ingest)
set(FUZZ_LIBS_csv peelcommon)
set(FUZZ_LIBS_num peelcommon)
set(FUZZ_LIBS_catalogs peel_reconcile peel_xlsx)
set(PEEL_FUZZ_SECONDS 15 CACHE STRING "Seconds each fuzz target runs in the suite")
foreach(t ${FUZZ_TARGETS})
  add_executable(replay_${t} ${FUZZ_DIR}/fuzz_${t}.c ${FUZZ_DIR}/replay.c)
  target_link_libraries(replay_${t} PRIVATE ${FUZZ_LIBS_${t}})
  target_include_directories(replay_${t} PRIVATE ${CMAKE_SOURCE_DIR}/stages/ingest
                             ${CMAKE_SOURCE_DIR}/stages/reconcile ${CMAKE_SOURCE_DIR}/stages/xlsx)
  target_compile_definitions(replay_${t} PRIVATE PEEL_DATA_DIR="${PEEL_DATA_DIR}")
  set_target_properties(replay_${t} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  file(GLOB regress ${FUZZ_DIR}/regress/${t}/*)
  add_test(NAME fuzz.regress.${t} COMMAND replay_${t} ${FUZZ_DIR}/seed-${t}.txt ${regress})
  if(PEEL_FUZZ)
    add_executable(fuzz_${t} ${FUZZ_DIR}/fuzz_${t}.c)
    target_link_libraries(fuzz_${t} PRIVATE ${FUZZ_LIBS_${t}})
    target_include_directories(fuzz_${t} PRIVATE ${CMAKE_SOURCE_DIR}/stages/ingest
                               ${CMAKE_SOURCE_DIR}/stages/reconcile ${CMAKE_SOURCE_DIR}/stages/xlsx)
    target_compile_definitions(fuzz_${t} PRIVATE PEEL_DATA_DIR="${PEEL_DATA_DIR}")
    target_link_options(fuzz_${t} PRIVATE -fsanitize=fuzzer)
    set_target_properties(fuzz_${t} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
    add_test(NAME fuzz.run.${t}
             COMMAND ${FUZZ_DIR}/fuzz.sh $<TARGET_FILE:fuzz_${t}> ${t} ${PEEL_FUZZ_SECONDS}
                     ${CMAKE_SOURCE_DIR})
    set_tests_properties(fuzz.run.${t} PROPERTIES LABELS fuzz TIMEOUT 600)
  endif()
endforeach()
