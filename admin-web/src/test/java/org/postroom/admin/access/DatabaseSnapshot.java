package org.postroom.admin.access;

import java.util.List;
import java.util.stream.Collectors;

import org.postroom.storage.Database;

/**
 * Every row of every table as text, to compare before and after a request that must change
 * nothing. Left out: Flyway's history and what every sign-in writes (the login throttle's counters).
 */
final class DatabaseSnapshot {

    private DatabaseSnapshot() {
    }

    static String of(Database db) {
        return db.run("snapshot", jdbc -> {
            List<String> tables = jdbc.sql("""
                    select table_name from information_schema.tables
                     where table_schema = current_schema() and table_type = 'BASE TABLE'
                       and table_name not like 'flyway%' and table_name not like 'login%' and table_name not like 'auth%'
                     order by table_name""").query(String.class).list();
            return tables.stream().map(table -> table + ":\n" + jdbc.sql("select coalesce(string_agg(t::text, E'\\n' order by t::text), '')"
                    + " from \"" + table + "\" t").query(String.class).single()).collect(Collectors.joining("\n"));
        });
    }
}
