package org.postroom.storage.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postroom.storage.TestDatabase;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Migration V5 on a store that already holds mail: queued bounces (null sender) count as generated,
 * every other message as received, so nothing queued before is signed on the strength of its From.
 */
class MessageOriginMigrationTest {

    @Test
    void existingMessagesAreReceivedExceptQueuedBounces() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(TestDatabase.createEmptyUrl(), "postgres", "");
        Flyway.configure().dataSource(dataSource).target("4").load().migrate();
        JdbcClient sql = JdbcClient.create(dataSource);
        sql.sql("""
                insert into message (id, size, sender) overriding system value
                    values (1, 10, 'ceo@example.com'), (2, 20, ''), (3, 30, '');
                insert into queue_entry (message_id, sender, recipient, domain)
                    values (1, 'ceo@example.com', 'x@far.example', 'far.example'), (2, '', 'y@far.example', 'far.example');
                """).update();

        Flyway.configure().dataSource(dataSource).load().migrate();

        assertThat(sql.sql("select origin from message order by id").query(String.class).list())
                .containsExactly("received", "generated", "received");
        assertThatThrownBy(() -> sql.sql("insert into message (size, sender) values (1, 'a@b.example')").update())
                .as("a new message must name its origin").isInstanceOf(DataIntegrityViolationException.class);
    }
}
