package org.postroom.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a storage failure says, which callers log for operators: what was being done and why it
 * failed, in the driver's words; never the statement's text, which Spring puts in its own
 * exception's message ("PreparedStatementCallback; SQL [select ...]").
 */
class StorageUnavailableExceptionTest {

    private TestDatabase testDatabase;

    @BeforeEach
    void createDatabase() {
        testDatabase = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    @Test
    void aDatabaseThatIsGoneIsReportedWithoutTheStatement() throws Exception {
        Database db = testDatabase.database();
        try (AutoCloseable cut = testDatabase.cutOff()) {
            StorageUnavailableException failure = catchThrowableOfType(StorageUnavailableException.class,
                    () -> db.run("count the domains", jdbc -> jdbc.sql("select count(*) from pg_class where relname = :name")
                            .param("name", "domain").query(Long.class).single()));

            assertThat(failure.getMessage()).startsWith("count the domains: ").doesNotContain("select", "SQL [")
                    .hasSizeGreaterThan("count the domains: ".length());
        }
    }

    /**
     * PostgreSQL's own errors of class 53 (a full disk when a table or its WAL must grow; the
     * others of the class) through the real driver and the one translation: a StorageFullException,
     * which SMTP answers with 452 4.3.1.
     */
    @Test
    void aDatabaseWithoutResourcesIsStorageFull() {
        Database db = testDatabase.database();
        for (String condition : new String[] {"disk_full", "insufficient_resources", "out_of_memory"}) {
            StorageUnavailableException failure = catchThrowableOfType(StorageUnavailableException.class,
                    () -> db.inTransaction("store a message", jdbc -> jdbc.sql(raise(condition)).update()));

            assertThat(failure).as(condition).isInstanceOf(StorageFullException.class);
            assertThat(failure.getMessage()).startsWith("store a message: ").contains("no room");
        }
    }

    @Test
    void anyOtherDatabaseErrorIsNot() {
        Database db = testDatabase.database();
        StorageUnavailableException failure = catchThrowableOfType(StorageUnavailableException.class,
                () -> db.run("store a message", jdbc -> jdbc.sql(raise("query_canceled")).update()));

        assertThat(failure).isNotInstanceOf(StorageFullException.class);
    }

    private static String raise(String condition) {
        return "DO $$ BEGIN RAISE EXCEPTION 'no room' USING ERRCODE = '" + condition + "'; END $$";
    }
}
