# SPDX-License-Identifier: MIT
# The benchmarks' programs. bench/run.sh (`make bench`) runs the letter
# generator, then times `imr parse --jsonl` on what it wrote; the record
# generator uses nothing of imr_lib either, so both build and produce the
# same text whatever state the code they measure is in.
# bench/run_extract.sh runs imr_gen_records, then imr_bench_extract, which
# links imr_lib to time imr_extract_facts in-process.

add_executable(imr_gen_letters ${CMAKE_SOURCE_DIR}/bench/gen_letters.c)
target_compile_options(imr_gen_letters PRIVATE ${IMR_WARNINGS})

add_executable(imr_gen_records ${CMAKE_SOURCE_DIR}/bench/gen_records.c)
target_compile_options(imr_gen_records PRIVATE ${IMR_WARNINGS})

add_executable(imr_bench_extract ${CMAKE_SOURCE_DIR}/bench/bench_extract.c)
target_compile_options(imr_bench_extract PRIVATE ${IMR_WARNINGS})
target_link_libraries(imr_bench_extract PRIVATE imr_lib)

# imr_bench_review times imr_review over cases generated from tests/cases;
# imr_bench_store (bench/run_store.sh) stores and decides the same cases
# through imr_store on SQLite and PostgreSQL, against bare inserts.
add_executable(imr_bench_review ${CMAKE_SOURCE_DIR}/bench/bench_review.c
    ${CMAKE_SOURCE_DIR}/bench/case_corpus.c)
target_compile_options(imr_bench_review PRIVATE ${IMR_WARNINGS})
target_link_libraries(imr_bench_review PRIVATE imr_lib)

add_executable(imr_bench_store ${CMAKE_SOURCE_DIR}/bench/bench_store.c
    ${CMAKE_SOURCE_DIR}/bench/case_corpus.c)
target_compile_options(imr_bench_store PRIVATE ${IMR_WARNINGS})
target_link_libraries(imr_bench_store PRIVATE imr_lib)
