# Ingest: golden records of the real report and the fictional force, line-end
# independence, bad inputs, and in-process spot checks by value.
set(INGEST_DIR ${CMAKE_CURRENT_SOURCE_DIR}/ingest)
set(MET_REPORT ${CMAKE_SOURCE_DIR}/inputs/metropolitan-police-service-peel-2018-19.txt)
set(NORTHMOOR_REPORT ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/northmoor-uninspected-area-missing-section.txt)

add_test(NAME golden.ingest.met
         COMMAND ${INGEST_DIR}/golden.sh ${CMAKE_BINARY_DIR}/bin ${MET_REPORT} ${INGEST_DIR}/golden/met)
add_test(NAME golden.ingest.northmoor
         COMMAND ${INGEST_DIR}/golden.sh ${CMAKE_BINARY_DIR}/bin ${NORTHMOOR_REPORT}
                 ${INGEST_DIR}/golden/northmoor)
add_test(NAME ingest.line_ends COMMAND ${INGEST_DIR}/line_ends.sh ${CMAKE_BINARY_DIR}/bin ${MET_REPORT})
add_test(NAME ingest.cr_only_line_ends
         COMMAND ${INGEST_DIR}/line_ends.sh ${CMAKE_BINARY_DIR}/bin ${MET_REPORT} cr)
add_test(NAME ingest.bad_input
         COMMAND ${INGEST_DIR}/bad_input.sh ${CMAKE_BINARY_DIR}/bin ${MET_REPORT})

peel_cmocka_test(test_ingest_spot unit.ingest_spot SOURCES ${INGEST_DIR}/test_ingest_spot.c
                 LIBS peel_ingest
                 DEFINES MET_REPORT="${MET_REPORT}" NORTHMOOR_REPORT="${NORTHMOOR_REPORT}"
                         PEEL_DATA_DIR="${PEEL_DATA_DIR}")

# Named facts measured on real sentences: the corpus about other forces, read
# in place from ../shared beside the project (skipped where it is absent), and
# the extractor's own cases.  Each asserts the recall, precision and period
# accuracy reached, so that a regression fails (corpus.py prints all three).
if(PEEL_PYTHON3)
  add_test(NAME ingest.facts.corpus
           COMMAND ${PEEL_PYTHON3} ${INGEST_DIR}/corpus.py $<TARGET_FILE:peel-ingest>
                   ${CMAKE_SOURCE_DIR}/../shared/corpus/sentences-dev.csv --floor 97,98,95
                   --skip-missing)
  set_tests_properties(ingest.facts.corpus PROPERTIES SKIP_RETURN_CODE 77)
  add_test(NAME ingest.facts.cases
           COMMAND ${PEEL_PYTHON3} ${INGEST_DIR}/corpus.py $<TARGET_FILE:peel-ingest>
                   ${INGEST_DIR}/sentences/facts-cases.csv --floor 99.4,99.7,99.4)
  # The probe set: sentences about forces M-Z (batch 7: A-L) written fresh,
  # keyed before the extractor ran on them, to find the phrasings it does
  # not generalise to (README, "Named facts", Measured): the whole, and its
  # batches 1-2, 3, 4, 5, 6, 7, 8, 9 and 10 on their own, so that a fix for one batch
  # cannot lose another.
  add_test(NAME ingest.facts.probe
           COMMAND ${PEEL_PYTHON3} ${INGEST_DIR}/corpus.py $<TARGET_FILE:peel-ingest>
                   ${INGEST_DIR}/sentences/facts-probe.csv --floor 97.4,97.0,95.7)
  add_test(NAME ingest.facts.probe12
           COMMAND ${PEEL_PYTHON3} ${INGEST_DIR}/corpus.py $<TARGET_FILE:peel-ingest>
                   ${INGEST_DIR}/sentences/facts-probe.csv --ids probe-001:probe-148
                   --floor 98.5,98,97)
  add_test(NAME ingest.facts.probe3
           COMMAND ${PEEL_PYTHON3} ${INGEST_DIR}/corpus.py $<TARGET_FILE:peel-ingest>
                   ${INGEST_DIR}/sentences/facts-probe.csv --ids probe-149:probe-224
                   --floor 98.7,97.6,91.7)
  add_test(NAME ingest.facts.probe4
           COMMAND ${PEEL_PYTHON3} ${INGEST_DIR}/corpus.py $<TARGET_FILE:peel-ingest>
                   ${INGEST_DIR}/sentences/facts-probe.csv --ids probe-225:probe-264
                   --floor 100,97.9,95.7)
  add_test(NAME ingest.facts.probe5
           COMMAND ${PEEL_PYTHON3} ${INGEST_DIR}/corpus.py $<TARGET_FILE:peel-ingest>
                   ${INGEST_DIR}/sentences/facts-probe.csv --ids probe-265:probe-314
                   --floor 97.2,98.5,97.1)
  add_test(NAME ingest.facts.probe6
           COMMAND ${PEEL_PYTHON3} ${INGEST_DIR}/corpus.py $<TARGET_FILE:peel-ingest>
                   ${INGEST_DIR}/sentences/facts-probe.csv --ids probe-315:probe-359
                   --floor 96.9,96.9,98.3)
  add_test(NAME ingest.facts.probe7
           COMMAND ${PEEL_PYTHON3} ${INGEST_DIR}/corpus.py $<TARGET_FILE:peel-ingest>
                   ${INGEST_DIR}/sentences/facts-probe.csv --ids probe-360:probe-404
                   --floor 99.9,98.5,99.9)
  add_test(NAME ingest.facts.probe8
           COMMAND ${PEEL_PYTHON3} ${INGEST_DIR}/corpus.py $<TARGET_FILE:peel-ingest>
                   ${INGEST_DIR}/sentences/facts-probe.csv --ids probe-405:probe-449
                   --floor 99.9,99.9,96.2)
  add_test(NAME ingest.facts.probe9
           COMMAND ${PEEL_PYTHON3} ${INGEST_DIR}/corpus.py $<TARGET_FILE:peel-ingest>
                   ${INGEST_DIR}/sentences/facts-probe.csv --ids probe-450:probe-489
                   --floor 93.8,95.7,91.2)
  add_test(NAME ingest.facts.probe10
           COMMAND ${PEEL_PYTHON3} ${INGEST_DIR}/corpus.py $<TARGET_FILE:peel-ingest>
                   ${INGEST_DIR}/sentences/facts-probe.csv --ids probe-490:probe-529
                   --floor 88.0,86.6,90.3)
endif()
