# Golden documents: the bundled report's workbooks part by part and packs
# page by page (tests/golden/README.md).
find_package(Python3 COMPONENTS Interpreter)
find_program(PEEL_PDFTOTEXT pdftotext)
if(TARGET peel-run AND Python3_Interpreter_FOUND AND PEEL_PDFTOTEXT)
  add_test(NAME golden.met
           COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/golden/golden.sh ${CMAKE_BINARY_DIR}/bin
                   ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR}/tests/golden)
  set_tests_properties(golden.met PROPERTIES LABELS "xlsx;pdf" TIMEOUT 300)
endif()
