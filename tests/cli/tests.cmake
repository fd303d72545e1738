# The six programs' common command line (help, version, usage errors,
# missing inputs) and peel-reconcile's own options and exit codes.
if(TARGET peel-run AND TARGET peel-reconcile)
  add_test(NAME cli.programs
           COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli/programs.sh ${CMAKE_BINARY_DIR}/bin
                   ${CMAKE_SOURCE_DIR})
endif()
