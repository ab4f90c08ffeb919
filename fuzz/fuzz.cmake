# SPDX-License-Identifier: MIT
# Every fuzz/fuzz_<parser>.c is built twice: linked to a replay main that
# runs its corpus under CTest in every build (so targets cannot rot), and,
# with clang and IMR_FUZZ, as a libFuzzer executable run for a short while.

set(IMR_FUZZ_SECONDS 20 CACHE STRING "Seconds each fuzz target runs in the fuzz tests")

file(GLOB IMR_FUZZ_TARGETS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/fuzz/fuzz_*.c)
foreach(src ${IMR_FUZZ_TARGETS})
  get_filename_component(target ${src} NAME_WE)
  string(REGEX REPLACE "^fuzz_" "" parser ${target})
  set(corpus ${CMAKE_SOURCE_DIR}/fuzz/corpus/${parser})

  add_executable(${target}_replay ${src} ${CMAKE_SOURCE_DIR}/fuzz/replay.c)
  target_compile_options(${target}_replay PRIVATE ${IMR_WARNINGS})
  target_link_libraries(${target}_replay PRIVATE imr_lib)
  add_test(NAME fuzz_replay_${parser} COMMAND ${target}_replay ${corpus})
  set_tests_properties(fuzz_replay_${parser} PROPERTIES LABELS fuzz
      ENVIRONMENT "IMR_KB=${CMAKE_SOURCE_DIR}/kb")

  if(IMR_FUZZ)
    add_executable(${target} ${src})
    target_compile_options(${target} PRIVATE ${IMR_WARNINGS} -fsanitize=fuzzer)
    target_link_options(${target} PRIVATE -fsanitize=fuzzer)
    target_link_libraries(${target} PRIVATE imr_lib)
    # The run works on a copy of the corpus so new inputs stay out of git.
    add_test(NAME fuzz_run_${parser}
        COMMAND sh -c "rm -rf \"$2\" && cp -r \"$1\" \"$2\" && \"$0\" -max_total_time=${IMR_FUZZ_SECONDS} -rss_limit_mb=2048 -print_final_stats=1 \"$2\""
        $<TARGET_FILE:${target}> ${corpus} ${CMAKE_BINARY_DIR}/fuzz-corpus-${parser})
    set_tests_properties(fuzz_run_${parser} PROPERTIES LABELS fuzz
        ENVIRONMENT "IMR_KB=${CMAKE_SOURCE_DIR}/kb")
  endif()
endforeach()
