# SPDX-License-Identifier: MIT
# The benchmark corpus generator. bench/run.sh (`make bench`) runs it, then
# times `imr parse --jsonl` on what it wrote. The generator uses nothing of
# imr_lib, so it builds and produces the same letters whatever state the
# parser it measures is in.

add_executable(imr_gen_letters ${CMAKE_SOURCE_DIR}/bench/gen_letters.c)
target_compile_options(imr_gen_letters PRIVATE ${IMR_WARNINGS})
