# Reconcile: every rule kind passing and failing on hand-made records, the
# real report perturbed, and the real report's checks against golden ones.
set(RECONCILE_DIR ${CMAKE_CURRENT_SOURCE_DIR}/reconcile)
add_executable(test_reconcile_kinds ${RECONCILE_DIR}/test_reconcile_kinds.c)
target_link_libraries(test_reconcile_kinds PRIVATE PkgConfig::CMOCKA peel_reconcile)
set_target_properties(test_reconcile_kinds PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
add_test(NAME unit.reconcile_kinds COMMAND test_reconcile_kinds)

add_test(NAME reconcile.perturbed
         COMMAND ${RECONCILE_DIR}/perturbed.sh ${CMAKE_BINARY_DIR}/bin
                 ${CMAKE_SOURCE_DIR}/inputs/metropolitan-police-service-peel-2018-19.txt)
add_test(NAME golden.reconcile.met
         COMMAND ${RECONCILE_DIR}/golden.sh ${CMAKE_BINARY_DIR}/bin
                 ${CMAKE_SOURCE_DIR}/inputs/metropolitan-police-service-peel-2018-19.txt
                 ${RECONCILE_DIR}/golden/met-reconciliation.csv)
add_test(NAME golden.reconcile.northmoor
         COMMAND ${RECONCILE_DIR}/golden.sh ${CMAKE_BINARY_DIR}/bin
                 ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/northmoor-uninspected-area-missing-section.txt
                 ${RECONCILE_DIR}/golden/northmoor-reconciliation.csv
                 ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/northmoor-reserves-schedule.csv
                 ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/northmoor-fte-by-role.csv)
