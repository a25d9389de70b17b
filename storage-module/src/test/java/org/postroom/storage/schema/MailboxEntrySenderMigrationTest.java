package org.postroom.storage.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postroom.storage.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Migration V4 on a store that already holds mail: every existing entry gets its message's sender. */
class MailboxEntrySenderMigrationTest {

    @Test
    void existingEntriesTakeTheSenderOfTheirMessage() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(TestDatabase.createEmptyUrl(), "postgres", "");
        Flyway.configure().dataSource(dataSource).target("3").load().migrate();
        JdbcClient sql = JdbcClient.create(dataSource);
        sql.sql("""
                insert into domain (name, dkim_selector, dkim_private_key, dkim_public_key) values ('example.com', 's', 'k', 'p');
                insert into mail_user (domain_id, local_part, password_hash) select id, 'alice', 'h' from domain;
                insert into mailbox (user_id, name, uid_validity) select id, 'INBOX', 1 from mail_user;
                insert into message (size, sender) values (10, 'carol@example.org'), (20, '');
                insert into mailbox_entry (mailbox_id, uid, message_id, size, received_at)
                    select b.id, m.id, m.id, m.size, now() from mailbox b, message m;
                """).update();

        Flyway.configure().dataSource(dataSource).load().migrate();

        assertThat(sql.sql("select sender from mailbox_entry order by uid").query(String.class).list())
                .containsExactly("carol@example.org", "");
    }
}
