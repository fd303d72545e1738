# xlsx: the workbooks of the real report and the fictional force, built once
# (xlsx.setup) and checked part by part, for reproducibility, command-line
# behaviour, formula injection, and -- labelled "lo", as it needs
# LibreOffice -- recalculated headless against their cached results.
if(TARGET peel-xlsx AND TARGET peel-ingest)
  set(XLSX_DIR ${CMAKE_CURRENT_SOURCE_DIR}/xlsx)
  set(XLSX_OUT ${CMAKE_BINARY_DIR}/tests/xlsx-out)
  set(XLSX_MET ${CMAKE_SOURCE_DIR}/inputs/metropolitan-police-service-peel-2018-19.txt)
  set(XLSX_NORTHMOOR ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/northmoor-uninspected-area-missing-section.txt)

  add_test(NAME xlsx.setup
           COMMAND sh ${XLSX_DIR}/make_reports.sh ${CMAKE_BINARY_DIR}/bin ${XLSX_MET}
                   ${XLSX_NORTHMOOR} ${XLSX_DIR}/fixtures ${XLSX_OUT})
  set_tests_properties(xlsx.setup PROPERTIES FIXTURES_SETUP xlsx_out LABELS xlsx)

  add_test(NAME xlsx.repro COMMAND sh ${XLSX_DIR}/../lib/repro.sh peel-xlsx xlsx ${CMAKE_BINARY_DIR}/bin ${XLSX_OUT})
  add_test(NAME xlsx.cli
           COMMAND sh ${XLSX_DIR}/cli.sh ${CMAKE_BINARY_DIR}/bin ${XLSX_OUT} ${PEEL_DATA_DIR})
  set(xlsx_tests xlsx.repro xlsx.cli)
  if(PEEL_PYTHON3)
    add_test(NAME xlsx.parts
             COMMAND ${PEEL_PYTHON3} ${XLSX_DIR}/check_parts.py ${XLSX_OUT} ${PEEL_DATA_DIR})
    add_test(NAME xlsx.inject
             COMMAND sh ${XLSX_DIR}/inject.sh ${CMAKE_BINARY_DIR}/bin ${XLSX_OUT} ${PEEL_DATA_DIR}
                     ${XLSX_DIR}/check_parts.py)
    add_test(NAME xlsx.books
             COMMAND ${PEEL_PYTHON3} ${XLSX_DIR}/check_books.py ${PEEL_DATA_DIR} ${XLSX_OUT})
    list(APPEND xlsx_tests xlsx.parts xlsx.inject xlsx.books)
    if(TARGET peel-run)
      add_test(NAME xlsx.books.run
               COMMAND sh ${XLSX_DIR}/books_run.sh ${CMAKE_BINARY_DIR}/bin ${CMAKE_SOURCE_DIR}
                       ${CMAKE_BINARY_DIR}/tests/xlsx-books-run)
      set_tests_properties(xlsx.books.run PROPERTIES LABELS xlsx)
    endif()
    if(PEEL_SOFFICE)
      add_test(NAME xlsx.lo.recalc
               COMMAND ${PEEL_PYTHON3} ${XLSX_DIR}/lo_check.py ${PEEL_SOFFICE} ${XLSX_OUT}
                       ${PEEL_DATA_DIR} ${CMAKE_BINARY_DIR}/tests/xlsx-lo)
      set_tests_properties(xlsx.lo.recalc PROPERTIES FIXTURES_REQUIRED xlsx_out
                           LABELS "xlsx;lo" TIMEOUT 600)
    endif()
  endif()
  set_tests_properties(${xlsx_tests} PROPERTIES FIXTURES_REQUIRED xlsx_out LABELS xlsx)

  peel_cmocka_test(test_xlsx_units unit.xlsx_units SOURCES ${XLSX_DIR}/test_xlsx_units.c
                   LIBS peel_xlsx DEFINES PEEL_DATA_DIR="${PEEL_DATA_DIR}" LABELS xlsx)
endif()
