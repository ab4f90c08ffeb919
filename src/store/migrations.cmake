# SPDX-License-Identifier: MIT
# Embeds src/store/migrations/*.sql into the library as a generated C table
# (imr__store_migrations), rebuilt whenever a migration changes or is added.
file(GLOB IMR_STORE_MIGRATIONS CONFIGURE_DEPENDS
    ${CMAKE_SOURCE_DIR}/src/store/migrations/*.sql)
set(IMR_STORE_MIGRATIONS_C ${CMAKE_BINARY_DIR}/generated/store_migrations.c)
add_custom_command(OUTPUT ${IMR_STORE_MIGRATIONS_C}
    COMMAND ${CMAKE_COMMAND} -DOUT=${IMR_STORE_MIGRATIONS_C}
        "-DSQL_FILES=${IMR_STORE_MIGRATIONS}"
        -P ${CMAKE_SOURCE_DIR}/src/store/embed_migrations.cmake
    DEPENDS ${IMR_STORE_MIGRATIONS}
        ${CMAKE_SOURCE_DIR}/src/store/embed_migrations.cmake
    COMMENT "Embedding the store's schema migrations"
    VERBATIM)
target_sources(imr_lib PRIVATE ${IMR_STORE_MIGRATIONS_C})
