# SPDX-License-Identifier: MIT
# Embeds the schema migrations into the library as generated C tables,
# rebuilt whenever a migration changes or is added: src/store/migrations/
# *.sql for SQLite (imr__store_sqlite_migrations) and migrations/pg/*.sql,
# the same versions in PostgreSQL's dialect (imr__store_pg_migrations).
function(imr_embed_migrations table glob out)
  file(GLOB sql_files CONFIGURE_DEPENDS ${glob})
  add_custom_command(OUTPUT ${out}
      COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DTABLE=${table}
          "-DSQL_FILES=${sql_files}"
          -P ${CMAKE_SOURCE_DIR}/src/store/embed_migrations.cmake
      DEPENDS ${sql_files} ${CMAKE_SOURCE_DIR}/src/store/embed_migrations.cmake
      COMMENT "Embedding the store's ${table}"
      VERBATIM)
  target_sources(imr_lib PRIVATE ${out})
endfunction()

imr_embed_migrations(imr__store_sqlite_migrations
    ${CMAKE_SOURCE_DIR}/src/store/migrations/*.sql
    ${CMAKE_BINARY_DIR}/generated/store_migrations_sqlite.c)
imr_embed_migrations(imr__store_pg_migrations
    ${CMAKE_SOURCE_DIR}/src/store/migrations/pg/*.sql
    ${CMAKE_BINARY_DIR}/generated/store_migrations_pg.c)
