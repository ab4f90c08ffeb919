# SPDX-License-Identifier: MIT
# Script mode (cmake -P): writes OUT, a C file holding each of SQL_FILES
# (NNNN_name.sql, in version order) as bytes, and the table of them named
# TABLE, which ends in "_migrations"; its length is named with
# "_migration_count" in place of that ending (see store_int.h).
if(NOT TABLE MATCHES "^([a-z_]+)_migrations$")
  message(FATAL_ERROR "TABLE: expected a name ending in _migrations")
endif()
set(count_name "${CMAKE_MATCH_1}_migration_count")
list(SORT SQL_FILES)
set(arrays "")
set(entries "")
set(count 0)
foreach(file ${SQL_FILES})
  get_filename_component(stem ${file} NAME_WE)
  if(NOT stem MATCHES "^([0-9]+)_([a-z0-9_]+)$")
    message(FATAL_ERROR "${file}: expected a name like 0001_initial.sql")
  endif()
  math(EXPR version "${CMAKE_MATCH_1}")
  set(name ${CMAKE_MATCH_2})
  file(READ ${file} hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)"
         "\\1\n    " bytes "${bytes}")
  string(APPEND arrays
         "static const unsigned char sql_${count}[] = {\n    ${bytes}0x00};\n\n")
  string(APPEND entries
         "    {${version}, \"${name}\", (const char *)sql_${count}},\n")
  math(EXPR count "${count} + 1")
endforeach()
if(count EQUAL 0)
  message(FATAL_ERROR "no migrations given")
endif()
file(WRITE ${OUT}.tmp
"/* Generated from the SQL files in src/store/migrations by
 * embed_migrations.cmake: do not edit. */
#include \"store/store_int.h\"

${arrays}const imr__store_migration ${TABLE}[] = {
${entries}};

const size_t ${count_name} = ${count};
")
file(RENAME ${OUT}.tmp ${OUT})
