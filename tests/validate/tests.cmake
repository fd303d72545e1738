# Validate: a test per check in process (test_validate_checks), the contract
# with later stages (test_validate_run), one end-to-end case per folder under
# cases/ (a real or corrupted report, its exact rejects.csv and exit code),
# and the program's options and exit codes (cli.sh).
set(VALIDATE_DIR ${CMAKE_CURRENT_SOURCE_DIR}/validate)
set(VALIDATE_MET ${CMAKE_SOURCE_DIR}/inputs/metropolitan-police-service-peel-2018-19.txt)
set(VALIDATE_NORTHMOOR ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/northmoor-uninspected-area-missing-section.txt)

if(TARGET peel_validate)
  peel_cmocka_test(test_validate_checks unit.validate_checks
                   SOURCES ${VALIDATE_DIR}/test_validate_checks.c LIBS peel_validate
                   DEFINES PEEL_DATA_DIR="${PEEL_DATA_DIR}")
  peel_cmocka_test(test_validate_run unit.validate_run
                   SOURCES ${VALIDATE_DIR}/test_validate_run.c LIBS peel_validate peel_ingest
                   DEFINES PEEL_DATA_DIR="${PEEL_DATA_DIR}" NORTHMOOR_REPORT="${VALIDATE_NORTHMOOR}"
                           MET_REPORT="${VALIDATE_MET}")

  file(GLOB validate_cases LIST_DIRECTORIES true CONFIGURE_DEPENDS ${VALIDATE_DIR}/cases/*)
  foreach(case_dir ${validate_cases})
    if(IS_DIRECTORY ${case_dir})
      get_filename_component(case_name ${case_dir} NAME)
      add_test(NAME validate.case.${case_name}
               COMMAND ${VALIDATE_DIR}/run_case.sh ${CMAKE_BINARY_DIR}/bin ${case_dir}
                       ${VALIDATE_MET} ${VALIDATE_NORTHMOOR})
    endif()
  endforeach()

  add_test(NAME validate.cli COMMAND ${VALIDATE_DIR}/cli.sh ${CMAKE_BINARY_DIR}/bin ${VALIDATE_MET})
endif()

# The checks as a fuzz target: every build replays the saved inputs in
# regress/; with -DPEEL_FUZZ=ON (clang) libFuzzer also runs it for a while
# and leaves any crashing input in regress/ (add it to git).
if(TARGET peel_validate)
  add_executable(replay_validate ${VALIDATE_DIR}/fuzz_validate.c
                 ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/replay.c)
  target_link_libraries(replay_validate PRIVATE peel_validate)
  target_compile_definitions(replay_validate PRIVATE PEEL_DATA_DIR="${PEEL_DATA_DIR}")
  set_target_properties(replay_validate PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  file(GLOB validate_regress CONFIGURE_DEPENDS ${VALIDATE_DIR}/regress/*)
  add_test(NAME fuzz.regress.validate COMMAND replay_validate ${validate_regress})
  if(PEEL_FUZZ)
    if(NOT DEFINED PEEL_FUZZ_SECONDS)
      set(PEEL_FUZZ_SECONDS 15)
    endif()
    add_executable(fuzz_validate ${VALIDATE_DIR}/fuzz_validate.c)
    target_link_libraries(fuzz_validate PRIVATE peel_validate)
    target_compile_definitions(fuzz_validate PRIVATE PEEL_DATA_DIR="${PEEL_DATA_DIR}")
    target_link_options(fuzz_validate PRIVATE -fsanitize=fuzzer)
    set_target_properties(fuzz_validate PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
    file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/fuzz-corpus-validate)
    add_test(NAME fuzz.run.validate
             COMMAND fuzz_validate -max_total_time=${PEEL_FUZZ_SECONDS} -timeout=10
                     -rss_limit_mb=2048 -max_len=65536 -artifact_prefix=${VALIDATE_DIR}/regress/
                     ${CMAKE_BINARY_DIR}/fuzz-corpus-validate ${VALIDATE_DIR}/regress)
    set_tests_properties(fuzz.run.validate PROPERTIES LABELS fuzz TIMEOUT 600)
  endif()
endif()
