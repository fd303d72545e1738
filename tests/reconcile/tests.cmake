# Reconcile: every rule kind passing and failing on hand-made records, the
# real report perturbed, and the real report's checks against golden ones.
set(RECONCILE_DIR ${CMAKE_CURRENT_SOURCE_DIR}/reconcile)
peel_cmocka_test(test_reconcile_kinds unit.reconcile_kinds
                 SOURCES ${RECONCILE_DIR}/test_reconcile_kinds.c LIBS peel_reconcile)

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
