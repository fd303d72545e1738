# Golden documents: the bundled report's workbooks part by part and packs
# page by page (tests/golden/README.md).  Needs python3 and pdftotext
# (found by tests/CMakeLists.txt).
if(TARGET peel-run AND PEEL_PYTHON3 AND PEEL_PDFTOTEXT)
  add_test(NAME golden.met
           COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/golden/golden.sh ${CMAKE_BINARY_DIR}/bin
                   ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR}/tests/golden)
  set_tests_properties(golden.met PROPERTIES LABELS "xlsx;pdf" TIMEOUT 300)
endif()
