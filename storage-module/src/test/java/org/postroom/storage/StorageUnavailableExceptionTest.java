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
}
