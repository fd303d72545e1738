# Finds the libraries peelpack links with. Each miss stops configuration with
# the name of the Debian package that provides it (pipeline/deps installs all).
find_package(PkgConfig REQUIRED)

function(peel_missing what package)
  message(FATAL_ERROR "${what} not found: install the Debian package ${package} "
                      "(pipeline/deps installs everything peelpack needs)")
endfunction()

# libxlsxwriter ships xlsxwriter.pc.
pkg_check_modules(XLSXWRITER IMPORTED_TARGET xlsxwriter)
if(NOT XLSXWRITER_FOUND)
  peel_missing("libxlsxwriter" libxlsxwriter-dev)
endif()

# HarfBuzz's subsetter (harfbuzz-subset.pc), which cuts the PDF font down
# to the characters each pack prints.
pkg_check_modules(HARFBUZZ_SUBSET IMPORTED_TARGET harfbuzz-subset)
if(NOT HARFBUZZ_SUBSET_FOUND)
  peel_missing("HarfBuzz's subsetter (harfbuzz-subset)" libharfbuzz-dev)
endif()

# zlib: CMake's own module.
find_package(ZLIB)
if(NOT ZLIB_FOUND)
  peel_missing("zlib" zlib1g-dev)
endif()

# libharu and libcsv ship no pkg-config file.
function(peel_find_plain target header library package)
  find_path(${target}_INCLUDE_DIR ${header})
  find_library(${target}_LIBRARY ${library})
  if(NOT ${target}_INCLUDE_DIR OR NOT ${target}_LIBRARY)
    peel_missing("${header} / lib${library}" ${package})
  endif()
  add_library(peel::${target} UNKNOWN IMPORTED)
  set_target_properties(peel::${target} PROPERTIES
    IMPORTED_LOCATION "${${target}_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${${target}_INCLUDE_DIR}")
endfunction()

peel_find_plain(hpdf hpdf.h hpdf libhpdf-dev)
peel_find_plain(csv csv.h csv libcsv-dev)
