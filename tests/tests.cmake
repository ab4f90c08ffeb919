# SPDX-License-Identifier: MIT
# One unit-test executable per module (tests/unit/<module>/test_*.c), the
# golden-file driver, and end-to-end scripts. Labels: unit, golden, e2e.

set(IMR_SHARED_DIR "${CMAKE_SOURCE_DIR}/../shared" CACHE PATH
    "The shared folder beside the clone (seed letters, test sets)")

add_library(imr_test_harness STATIC ${CMAKE_SOURCE_DIR}/tests/harness.c
            ${CMAKE_SOURCE_DIR}/tests/scratch.c)
target_include_directories(imr_test_harness PUBLIC ${CMAKE_SOURCE_DIR}/tests)
target_compile_options(imr_test_harness PRIVATE ${IMR_WARNINGS})

file(GLOB IMR_TEST_MODULES LIST_DIRECTORIES true ${CMAKE_SOURCE_DIR}/tests/unit/*)
foreach(dir ${IMR_TEST_MODULES})
  if(IS_DIRECTORY ${dir})
    get_filename_component(module ${dir} NAME)
    file(GLOB sources CONFIGURE_DEPENDS ${dir}/*.c)
    if(sources)
      add_executable(test_${module} ${sources})
      target_compile_options(test_${module} PRIVATE ${IMR_WARNINGS})
      target_include_directories(test_${module} PRIVATE ${CMAKE_SOURCE_DIR}/src)
      target_compile_definitions(test_${module} PRIVATE
          IMR_SOURCE_DIR="${CMAKE_SOURCE_DIR}" IMR_SHARED_DIR="${IMR_SHARED_DIR}")
      target_link_libraries(test_${module} PRIVATE imr_lib imr_test_harness)
      add_test(NAME unit_${module} COMMAND test_${module})
      set_tests_properties(unit_${module} PROPERTIES LABELS unit
          ENVIRONMENT "IMR_KB=${CMAKE_SOURCE_DIR}/kb")
    endif()
  endif()
endforeach()

# text2pdf makes the PDF inputs of the letter-reading tests at run time, so
# no binary PDF is committed. Those tests find it through IMR_TEXT2PDF.
add_executable(text2pdf ${CMAKE_SOURCE_DIR}/tests/tools/text2pdf.c)
target_compile_options(text2pdf PRIVATE ${IMR_WARNINGS})
target_link_libraries(text2pdf PRIVATE imr_lib PkgConfig::CAIRO)
if(TARGET test_letter_read)
  target_compile_definitions(test_letter_read PRIVATE
      IMR_TEXT2PDF="$<TARGET_FILE:text2pdf>")
  add_dependencies(test_letter_read text2pdf)
  # cairo and poppler reach fontconfig, whose parsed configuration is never
  # freed; tests/lsan.supp names only such library-internal leaks.
  set_tests_properties(unit_letter_read PROPERTIES ENVIRONMENT
      "IMR_KB=${CMAKE_SOURCE_DIR}/kb;LSAN_OPTIONS=suppressions=${CMAKE_SOURCE_DIR}/tests/lsan.supp:print_suppressions=0")
endif()

# Goldens: tests/golden/<area>/ holds inputs and their expected outputs.
add_test(NAME golden COMMAND ${CMAKE_SOURCE_DIR}/tests/golden/run.sh
    $<TARGET_FILE:imr> ${CMAKE_SOURCE_DIR}/tests/golden ${IMR_SHARED_DIR})
set_tests_properties(golden PROPERTIES LABELS golden
    ENVIRONMENT "IMR_KB=${CMAKE_SOURCE_DIR}/kb")

# End-to-end scripts: tests/e2e/*.sh, each given the imr binary, the
# source tree and the shared folder.
file(GLOB IMR_E2E_SCRIPTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/e2e/*.sh)
foreach(script ${IMR_E2E_SCRIPTS})
  get_filename_component(name ${script} NAME_WE)
  add_test(NAME e2e_${name} COMMAND bash ${script} $<TARGET_FILE:imr>
      ${CMAKE_SOURCE_DIR} ${IMR_SHARED_DIR} ${CMAKE_BINARY_DIR})
  # PDFs are written through cairo, whose fontconfig keeps its parsed
  # configuration for the process's life: tests/lsan.supp names only that.
  set_tests_properties(e2e_${name} PROPERTIES LABELS e2e
      ENVIRONMENT "IMR_KB=${CMAKE_SOURCE_DIR}/kb;LSAN_OPTIONS=suppressions=${CMAKE_SOURCE_DIR}/tests/lsan.supp:print_suppressions=0")
endforeach()
# store_pg.sh starts its own PostgreSQL server and runs test_store on it;
# it is skipped (77) on a machine with no server installed.
set_tests_properties(e2e_store_pg PROPERTIES SKIP_RETURN_CODE 77)
