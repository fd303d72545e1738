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
  # The probe set: sentences about other forces written fresh, keyed before
  # the extractor ran on them, to find the phrasings it does not generalise
  # to (README, "Named facts", Measured): the whole; batches 1-9 and 1-10
  # together, each kept at least at the whole's floors from before the next
  # batch joined it; and each batch on its own, so that a fix for one batch
  # cannot lose another.
  add_test(NAME ingest.facts.probe
           COMMAND ${PEEL_PYTHON3} ${INGEST_DIR}/corpus.py $<TARGET_FILE:peel-ingest>
                   ${INGEST_DIR}/sentences/facts-probe.csv --floor 97.4,97.0,96.1)
  # One batch of the probe set on its own: its first and last ids, and
  # the floors of its recall, precision and period accuracy.
  function(peel_probe_batch name first last floors)
    add_test(NAME ingest.facts.${name}
             COMMAND ${PEEL_PYTHON3} ${INGEST_DIR}/corpus.py $<TARGET_FILE:peel-ingest>
                     ${INGEST_DIR}/sentences/facts-probe.csv --ids ${first}:${last}
                     --floor ${floors})
  endfunction()
  peel_probe_batch(probe1to9 probe-001 probe-489 98.2,97.9,96.6)
  peel_probe_batch(probe1to10 probe-001 probe-529 97.4,97.0,96.2)
  peel_probe_batch(probe12 probe-001 probe-148 98.5,98,97.9)
  peel_probe_batch(probe3 probe-149 probe-224 98.7,97.6,92.8)
  peel_probe_batch(probe4 probe-225 probe-264 100,97.9,95.7)
  peel_probe_batch(probe5 probe-265 probe-314 97.2,98.5,97.1)
  peel_probe_batch(probe6 probe-315 probe-359 96.9,96.9,98.3)
  peel_probe_batch(probe7 probe-360 probe-404 99.9,98.5,99.9)
  peel_probe_batch(probe8 probe-405 probe-449 99.9,99.9,96.2)
  peel_probe_batch(probe9 probe-450 probe-489 93.8,95.7,91.2)
  peel_probe_batch(probe10 probe-490 probe-529 88.0,86.6,90.3)
  peel_probe_batch(probe11 probe-530 probe-574 97.4,97.4,96.0)
endif()
