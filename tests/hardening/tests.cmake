# Hardening: bad input through peel-run (the program users run), security
# end to end (force names as paths, formula injection), the real clients on
# peel-run's own documents, and valgrind memcheck over a full run.  Each test gets a scratch folder under
# <build>/tests/hardening/.  Labels: hardening; valgrind for the memcheck,
# which runs in the ordinary build only (the PEEL_SANITIZE build has
# ASan/UBSan/LSan, and valgrind cannot run ASan programs).
# Their checks are partly python3.
if(TARGET peel-run AND PEEL_PYTHON3)
  set(HARDEN_DIR ${CMAKE_CURRENT_LIST_DIR})
  foreach(t bad_input security)
    add_test(NAME hardening.${t}
             COMMAND sh ${HARDEN_DIR}/${t}.sh ${CMAKE_BINARY_DIR}/bin ${CMAKE_SOURCE_DIR}
                     ${CMAKE_BINARY_DIR}/tests/hardening/${t})
    set_tests_properties(hardening.${t} PROPERTIES LABELS hardening TIMEOUT 300)
  endforeach()
  # The file-size limits and the 100 MiB file want the disk to themselves.
  set_tests_properties(hardening.bad_input PROPERTIES RUN_SERIAL TRUE)

  # The real clients on peel-run's own documents: LibreOffice, qpdf, poppler.
  if(PEEL_SOFFICE AND PEEL_QPDF AND PEEL_PDFTOTEXT)
    add_test(NAME hardening.clients
             COMMAND sh ${HARDEN_DIR}/clients.sh ${CMAKE_BINARY_DIR}/bin ${CMAKE_SOURCE_DIR}
                     ${CMAKE_BINARY_DIR}/tests/hardening/clients ${PEEL_SOFFICE})
    set_tests_properties(hardening.clients PROPERTIES LABELS "hardening;lo" TIMEOUT 600)
  endif()

  if(PEEL_SANITIZE)
    message(STATUS "PEEL_SANITIZE: hardening.valgrind not registered (the sanitizers check instead)")
  elseif(PEEL_VALGRIND)
    add_test(NAME hardening.valgrind
             COMMAND sh ${HARDEN_DIR}/valgrind.sh ${CMAKE_BINARY_DIR}/bin ${CMAKE_SOURCE_DIR}
                     ${CMAKE_BINARY_DIR}/tests/hardening/valgrind)
    set_tests_properties(hardening.valgrind PROPERTIES LABELS "hardening;valgrind" TIMEOUT 600)
  endif()
endif()
