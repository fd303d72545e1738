# pdf: the briefing packs of the real report and the fictional force, built
# once (pdf.setup) and checked for validity, embedded font, metadata, text,
# bookmarks and margins (pdf.packs), the same for a report made to strain
# the layout (pdf.stress), reproducibility (pdf.repro) and command-line
# behaviour (pdf.cli), the font subsets' characters, warnings and that
# they make no temporary (pdf.glyphs), the packs read page by page as a reader would
# (pdf.content: key figures, observations, checks in words); the wrapping and formatting parts in-process
# (unit.pdf_units), the subsetting parts too (unit.pdf_glyphs).
if(TARGET peel-pdf AND TARGET peel-ingest)
  set(PDF_DIR ${CMAKE_CURRENT_SOURCE_DIR}/pdf)
  set(PDF_OUT ${CMAKE_BINARY_DIR}/tests/pdf-out)
  set(PDF_MET ${CMAKE_SOURCE_DIR}/inputs/metropolitan-police-service-peel-2018-19.txt)
  set(PDF_NORTHMOOR ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/northmoor-uninspected-area-missing-section.txt)
  if(PEEL_QPDF AND PEEL_PDFTOTEXT)
    add_test(NAME pdf.setup
             COMMAND sh ${PDF_DIR}/make_packs.sh ${CMAKE_BINARY_DIR}/bin ${PDF_MET}
                     ${PDF_NORTHMOOR} ${PDF_DIR}/fixtures ${PDF_OUT})
    set_tests_properties(pdf.setup PROPERTIES FIXTURES_SETUP pdf_out LABELS pdf)

    add_test(NAME pdf.repro COMMAND sh ${PDF_DIR}/../lib/repro.sh peel-pdf pdf ${CMAKE_BINARY_DIR}/bin ${PDF_OUT})
    add_test(NAME pdf.cli
             COMMAND sh ${PDF_DIR}/cli.sh ${CMAKE_BINARY_DIR}/bin ${PDF_OUT} ${PEEL_DATA_DIR})
    set(pdf_tests pdf.repro pdf.cli)
    if(PEEL_PYTHON3)
      add_test(NAME pdf.packs COMMAND ${PEEL_PYTHON3} ${PDF_DIR}/check_packs.py ${PDF_OUT})
      add_test(NAME pdf.stress
               COMMAND sh ${PDF_DIR}/stress.sh ${CMAKE_BINARY_DIR}/bin ${PDF_OUT}
                       ${PEEL_PYTHON3})
      add_test(NAME pdf.glyphs
               COMMAND sh ${PDF_DIR}/glyphs.sh ${CMAKE_BINARY_DIR}/bin ${PDF_OUT} ${PEEL_PYTHON3}
                       ${PDF_MET})
      list(APPEND pdf_tests pdf.packs pdf.stress pdf.glyphs)
      # The packs read page by page, made by peel-run from the bundled
      # report, the fixtures and reports derived from them.
      if(TARGET peel-run)
        add_test(NAME pdf.content
                 COMMAND sh ${PDF_DIR}/content.sh ${CMAKE_BINARY_DIR}/bin ${CMAKE_SOURCE_DIR}
                         ${CMAKE_BINARY_DIR}/tests/pdf-content ${PEEL_PYTHON3})
        set_tests_properties(pdf.content PROPERTIES LABELS pdf TIMEOUT 300)
      endif()
    endif()
    set_tests_properties(${pdf_tests} PROPERTIES FIXTURES_REQUIRED pdf_out LABELS pdf)
  endif()

  # The wrapping fuzz target: its saved inputs replayed in every build,
  # libFuzzer run for a bounded time with -DPEEL_FUZZ=ON.
  add_executable(replay_pdf_wrap ${PDF_DIR}/fuzz_wrap.c ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/replay.c)
  target_link_libraries(replay_pdf_wrap PRIVATE peel_pdf)
  set_target_properties(replay_pdf_wrap PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  file(GLOB pdf_regress ${PDF_DIR}/fuzz-regress/*)
  add_test(NAME fuzz.regress.pdf_wrap COMMAND replay_pdf_wrap ${pdf_regress})
  set_tests_properties(fuzz.regress.pdf_wrap PROPERTIES LABELS pdf)
  if(PEEL_FUZZ)
    add_executable(fuzz_pdf_wrap ${PDF_DIR}/fuzz_wrap.c)
    target_link_libraries(fuzz_pdf_wrap PRIVATE peel_pdf)
    target_link_options(fuzz_pdf_wrap PRIVATE -fsanitize=fuzzer)
    set_target_properties(fuzz_pdf_wrap PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
    add_test(NAME fuzz.run.pdf_wrap
             COMMAND sh ${PDF_DIR}/fuzz.sh $<TARGET_FILE:fuzz_pdf_wrap> ${PDF_DIR}/fuzz-regress
                     ${PEEL_FUZZ_SECONDS})
    set_tests_properties(fuzz.run.pdf_wrap PROPERTIES LABELS "pdf;fuzz" TIMEOUT 600)
  endif()

  peel_cmocka_test(test_pdf_units unit.pdf_units SOURCES ${PDF_DIR}/test_pdf_units.c
                   LIBS peel_pdf DEFINES PEEL_DATA_DIR="${PEEL_DATA_DIR}" LABELS pdf)
  peel_cmocka_test(test_pdf_glyphs unit.pdf_glyphs SOURCES ${PDF_DIR}/test_pdf_glyphs.c
                   LIBS peel_pdf DEFINES PEEL_SOURCE_DIR="${CMAKE_SOURCE_DIR}" LABELS pdf)
  # libharu in these as in peel-pdf: with the functions peel-pdf defines
  # over its own (stages/common/peel_interpose.h).
  foreach(program replay_pdf_wrap fuzz_pdf_wrap test_pdf_units test_pdf_glyphs)
    if(TARGET ${program})
      peel_library_hooks(${program} HPDF)
    endif()
  endforeach()
endif()
