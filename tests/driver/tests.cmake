# peel-run: the batch driver, black-box, one shell script per promise of the
# issue.  Included from the top-level CMakeLists.txt (tests/run is the
# suite's own script, so these live in tests/driver/).  Each test gets a
# scratch folder under <build>/tests/driver/.  Labels: run; slow for the
# kill -9 (LibreOffice), install/.deb and fresh-machine tests.  lib.sh reads
# manifests with python3.
if(TARGET peel-run AND PEEL_PYTHON3)
  set(RUN_TEST_DIR ${CMAKE_CURRENT_LIST_DIR})
  set(run_tests cli lock rerun parallel bad dup progress summary sidecar partial)
  foreach(t ${run_tests})
    add_test(NAME run.${t}
             COMMAND sh ${RUN_TEST_DIR}/${t}.sh ${CMAKE_BINARY_DIR}/bin ${CMAKE_SOURCE_DIR}
                     ${CMAKE_BINARY_DIR}/tests/driver/${t})
    set_tests_properties(run.${t} PROPERTIES LABELS run TIMEOUT 300)
  endforeach()
  # Tests that act in the middle of a run hold it at peel-run's test gate
  # (PEEL_RUN_TEST_GATE): they wait on events, so they share the machine.

  if(PEEL_SOFFICE AND PEEL_QPDF)
    add_test(NAME run.kill
             COMMAND sh ${RUN_TEST_DIR}/kill.sh ${CMAKE_BINARY_DIR}/bin ${CMAKE_SOURCE_DIR}
                     ${CMAKE_BINARY_DIR}/tests/driver/kill)
    set_tests_properties(run.kill PROPERTIES LABELS "run;slow;lo" TIMEOUT 1200
                         ENVIRONMENT "PEEL_SOFFICE=${PEEL_SOFFICE}")
  endif()

  # The installed copy runs with the source tree's pipeline/ renamed away:
  # nothing else may run meanwhile.  The .deb and lintian in the ordinary
  # build only (a package of ASan programs is not one anybody ships).
  set(PEEL_DEB_TEST ON)
  if(PEEL_SANITIZE OR NOT PEEL_LINTIAN)
    set(PEEL_DEB_TEST OFF)
  endif()
  add_test(NAME run.install
           COMMAND sh ${RUN_TEST_DIR}/install.sh ${CMAKE_BINARY_DIR}/bin ${CMAKE_SOURCE_DIR}
                   ${CMAKE_BINARY_DIR}/tests/driver/install ${CMAKE_BINARY_DIR} ${PEEL_DEB_TEST})
  set_tests_properties(run.install PROPERTIES LABELS "run;slow" TIMEOUT 900 RUN_SERIAL TRUE)

  # A fresh machine: pipeline/run in a folder of its own with every test-only
  # library and tool hidden.  What it builds does not depend on this build's
  # options, so once, in the ordinary build.
  if(NOT PEEL_SANITIZE)
    get_property(hidden GLOBAL PROPERTY PEEL_TEST_TOOLS)
    list(JOIN hidden " " hidden)
    add_test(NAME run.fresh
             COMMAND sh ${RUN_TEST_DIR}/fresh.sh ${CMAKE_BINARY_DIR}/bin ${CMAKE_SOURCE_DIR}
                     ${CMAKE_BINARY_DIR}/tests/driver/fresh ${CMAKE_BINARY_DIR} "${hidden}")
    set_tests_properties(run.fresh PROPERTIES LABELS "run;slow" TIMEOUT 1200)
  endif()
endif()

# The worker pool itself, in a cmocka program of its own: whose each result
# and each line of standard error is, and when a worker is kept or replaced.
if(TARGET peel-run)
  peel_cmocka_test(test_pool run.pool
                   SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_pool.c
                           ${PROJECT_SOURCE_DIR}/stages/run/pool.c
                   LIBS peel_ingest peel_validate peel_reconcile peel_xlsx peel_pdf peelcommon)
  if(TARGET test_pool)
    target_include_directories(test_pool PRIVATE ${PROJECT_SOURCE_DIR}/stages/run)
  endif()
  # The probes' syncs made at once: what each report is told, and its list.
  # (with peel-run's own files but main.c: syncer.c's callees live there)
  file(GLOB run_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/stages/run/*.c)
  list(REMOVE_ITEM run_sources ${PROJECT_SOURCE_DIR}/stages/run/main.c)
  peel_cmocka_test(test_syncer run.syncer
                   SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_syncer.c
                           ${PROJECT_SOURCE_DIR}/tests/unit/tmpdir.c ${run_sources}
                   LIBS peel_ingest peel_validate peel_reconcile peel_xlsx peel_pdf peelcommon)
  if(TARGET test_syncer)
    target_include_directories(test_syncer PRIVATE ${PROJECT_SOURCE_DIR}/stages/run)
    target_compile_definitions(test_syncer PRIVATE PEEL_VERSION="${PROJECT_VERSION}")
    peel_library_hooks(test_syncer XLSX HPDF)
    find_package(Threads REQUIRED)
    target_link_libraries(test_syncer PRIVATE Threads::Threads)
  endif()
endif()
