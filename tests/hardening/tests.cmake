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

  # Reliability: hostile input folders, signals, a closed console; one test
  # per case, named after what it catches (reliability.sh).  Exit 77: the
  # case cannot run on this machine (a file system without access times).
  set(reliability_cases
      fifo_input_blocks device_link_spins sparse_input_read_whole fifo_sidecar_or_rules_blocks
      signal_ignored_while_reading symlink_cycle_walked_again closed_console_kills_run
      signal_leaves_worker_temporaries first_read_error_names_no_file utf16_called_nul_byte
      unknown_grade_word_dropped non_latin_force_names_clash truncated_manifest_row_hides_damage
      changed_input_never_rebuilt failed_report_mixes_new_records kill_in_commit_not_rebuilt
      renamed_input_keeps_old_name bad_rules_one_error_per_report rules_tolerance_nan_inf_accepted
      rules_huge_tolerance_misprinted rules_fields_formula_injection long_force_name_fails_xlsx
      library_lines_unprefixed lock_takeover_calls_live_pid_gone nightly_run_over_every_bad_file
      documents_renamed_unsynced)
  # The durability case reads the fsyncs and renames of a run through a
  # shim preloaded into it (sync_log.c), built without the sanitizers: the
  # programs carry their runtime, a preloaded library needs none.
  add_library(peel_sync_log MODULE ${HARDEN_DIR}/sync_log.c)
  set_property(TARGET peel_sync_log PROPERTY COMPILE_OPTIONS -Wall -Wextra -Werror)
  set_property(TARGET peel_sync_log PROPERTY LINK_OPTIONS "")
  target_link_libraries(peel_sync_log PRIVATE ${CMAKE_DL_LIBS})
  foreach(c ${reliability_cases})
    add_test(NAME reliability.${c}
             COMMAND sh ${HARDEN_DIR}/reliability.sh ${CMAKE_BINARY_DIR}/bin ${CMAKE_SOURCE_DIR}
                     ${CMAKE_BINARY_DIR}/tests/hardening/reliability/${c} ${c})
    set_tests_properties(reliability.${c} PROPERTIES LABELS "hardening;reliability" TIMEOUT 300
                         SKIP_RETURN_CODE 77 ENVIRONMENT
                         "PEEL_SANITIZED=$<BOOL:${PEEL_SANITIZE}>;PEEL_SYNC_SHIM=$<TARGET_FILE:peel_sync_log>")
  endforeach()
  # Signals sent while a worker writes: timing matters, so they run alone.
  set_tests_properties(reliability.signal_ignored_while_reading
                       reliability.signal_leaves_worker_temporaries
                       reliability.first_read_error_names_no_file
                       reliability.library_lines_unprefixed PROPERTIES RUN_SERIAL TRUE)

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
