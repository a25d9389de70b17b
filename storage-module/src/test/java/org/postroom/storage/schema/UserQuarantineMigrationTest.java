package org.postroom.storage.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postroom.storage.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Migration V19 on a quarantine that already holds mail: each message still held is given to the
 * users its recipient addresses name (tagged addresses to their user, as the directory resolves
 * them); what an alias, a relayed address or a released message stands for stays the
 * administrators' alone, and every digest setting starts on.
 */
class UserQuarantineMigrationTest {

    @Test
    void heldMessagesAreGivenToTheUsersTheirRecipientsName() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(TestDatabase.createEmptyUrl(), "postgres", "");
        Flyway.configure().dataSource(dataSource).target("16").load().migrate();
        JdbcClient sql = JdbcClient.create(dataSource);
        sql.sql("""
                insert into domain (id, name, dkim_selector, dkim_private_key, dkim_public_key) overriding system value
                    values (1, 'example.com', 's', 'k', 'p');
                insert into mail_user (id, domain_id, local_part, password_hash) overriding system value
                    values (10, 1, 'alice', 'x'), (11, 1, 'bob', 'x'), (12, 1, 'bob+lists', 'x');
                insert into alias (id, domain_id, local_part) overriding system value values (20, 1, 'team');
                insert into message (id, size, sender, origin) overriding system value
                    values (1, 1, 'a@far.example', 'received'), (2, 1, 'a@far.example', 'received'),
                           (3, 1, 'a@far.example', 'received'), (4, 1, 'a@far.example', 'received');
                insert into quarantine (message_id, reason, released_at)
                    values (1, 'dmarc', null), (2, 'dmarc', null), (3, 'dmarc', now()), (4, 'dmarc', null);
                insert into quarantine_recipient (message_id, position, address, relayed)
                    values (1, 0, 'Alice+News@Example.com', false), (1, 1, 'team@example.com', false),
                           (2, 0, 'bob+lists@example.com', false), (2, 1, 'bob@example.com', false),
                           (3, 0, 'alice@example.com', false),
                           (4, 0, 'alice@example.com', true);
                """).update();

        Flyway.configure().dataSource(dataSource).load().migrate();

        assertThat(sql.sql("select message_id || ':' || user_id from quarantine_user order by 1").query(String.class)
                .list()).containsExactly("1:10", "2:11", "2:12");
        assertThat(sql.sql("select count(*) from quarantine where users_only").query(Long.class).single()).isZero();
        assertThat(sql.sql("select bool_and(quarantine_digest) from mail_user").query(Boolean.class).single()).isTrue();
        assertThat(sql.sql("select quarantine_digest from domain").query(Boolean.class).single()).isTrue();
        assertThat(sql.sql("select domain from quarantine_recipient where message_id = 1 order by position")
                .query(String.class).list()).containsExactly("example.com", "example.com");
    }
}
