# xlsx: the workbooks of the real report and the fictional force, built once
# (xlsx.setup) and checked part by part, for reproducibility, command-line
# behaviour, formula injection, and -- labelled "lo", as it needs
# LibreOffice -- recalculated headless against their cached results.
if(TARGET peel-xlsx AND TARGET peel-ingest)
  set(XLSX_DIR ${CMAKE_CURRENT_SOURCE_DIR}/xlsx)
  set(XLSX_OUT ${CMAKE_BINARY_DIR}/tests/xlsx-out)
  set(XLSX_MET ${CMAKE_SOURCE_DIR}/inputs/metropolitan-police-service-peel-2018-19.txt)
  set(XLSX_NORTHMOOR ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/northmoor-uninspected-area-missing-section.txt)
  find_package(Python3 COMPONENTS Interpreter)

  add_test(NAME xlsx.setup
           COMMAND sh ${XLSX_DIR}/make_reports.sh ${CMAKE_BINARY_DIR}/bin ${XLSX_MET}
                   ${XLSX_NORTHMOOR} ${XLSX_DIR}/fixtures ${XLSX_OUT})
  set_tests_properties(xlsx.setup PROPERTIES FIXTURES_SETUP xlsx_out LABELS xlsx)

  add_test(NAME xlsx.repro COMMAND sh ${XLSX_DIR}/../lib/repro.sh peel-xlsx xlsx ${CMAKE_BINARY_DIR}/bin ${XLSX_OUT})
  add_test(NAME xlsx.cli
           COMMAND sh ${XLSX_DIR}/cli.sh ${CMAKE_BINARY_DIR}/bin ${XLSX_OUT} ${PEEL_DATA_DIR})
  set(xlsx_tests xlsx.repro xlsx.cli)
  if(Python3_Interpreter_FOUND)
    add_test(NAME xlsx.parts
             COMMAND ${Python3_EXECUTABLE} ${XLSX_DIR}/check_parts.py ${XLSX_OUT} ${PEEL_DATA_DIR})
    add_test(NAME xlsx.inject
             COMMAND sh ${XLSX_DIR}/inject.sh ${CMAKE_BINARY_DIR}/bin ${XLSX_OUT} ${PEEL_DATA_DIR}
                     ${XLSX_DIR}/check_parts.py)
    list(APPEND xlsx_tests xlsx.parts xlsx.inject)
    find_program(PEEL_SOFFICE NAMES soffice libreoffice)
    if(PEEL_SOFFICE)
      add_test(NAME xlsx.lo.recalc
               COMMAND ${Python3_EXECUTABLE} ${XLSX_DIR}/lo_check.py ${PEEL_SOFFICE} ${XLSX_OUT}
                       ${PEEL_DATA_DIR} ${CMAKE_BINARY_DIR}/tests/xlsx-lo)
      set_tests_properties(xlsx.lo.recalc PROPERTIES FIXTURES_REQUIRED xlsx_out
                           LABELS "xlsx;lo" TIMEOUT 600)
    else()
      message(STATUS "soffice not found: xlsx.lo.recalc not registered "
                     "(install libreoffice-calc-nogui)")
    endif()
  endif()
  set_tests_properties(${xlsx_tests} PROPERTIES FIXTURES_REQUIRED xlsx_out LABELS xlsx)

  add_executable(test_xlsx_units ${XLSX_DIR}/test_xlsx_units.c)
  target_link_libraries(test_xlsx_units PRIVATE PkgConfig::CMOCKA peel_xlsx)
  target_compile_definitions(test_xlsx_units PRIVATE PEEL_DATA_DIR="${PEEL_DATA_DIR}")
  set_target_properties(test_xlsx_units PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  add_test(NAME unit.xlsx_units COMMAND test_xlsx_units)
  set_tests_properties(unit.xlsx_units PROPERTIES LABELS xlsx
                       ENVIRONMENT "CMOCKA_MESSAGE_OUTPUT=STDOUT")
endif()
