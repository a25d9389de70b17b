package org.postroom.storage.limits;

import java.util.HashMap;
import java.util.Map;

import org.postroom.storage.Database;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.directory.Address;
import org.postroom.storage.directory.DomainName;

/**
 * The sending limits administrators set for users (table {@code user_sending_limits}) and domains
 * (table {@code domain_sending_limits}); a user's standing with the limits in effect is {@link
 * SendingCounters#standing}. Each write replaces the four values of one user or domain and commits
 * on its own.
 */
public final class SendingLimitSettings {

    private static final String COLUMNS = "messages_per_hour, messages_per_day, recipients_per_message, recipients_per_day";
    private static final String UPSERT = """
            insert into %1$s_sending_limits (%1$s_id, %2$s) select %3$s.id,
                   cast(:mph as int), cast(:mpd as int), cast(:rpm as int), cast(:rpd as int) from %4$s
            on conflict (%1$s_id) do update set messages_per_hour = excluded.messages_per_hour,
                   messages_per_day = excluded.messages_per_day, recipients_per_message = excluded.recipients_per_message,
                   recipients_per_day = excluded.recipients_per_day
            """;

    private final Database db;

    public SendingLimitSettings(Database db) {
        this.db = db;
    }

    /**
     * The limits set for the domain {@code name} ({@link SendingLimits#NONE} when none are).
     *
     * @throws NotFoundException when there is no such domain
     */
    public SendingLimits ofDomain(String name) {
        return db.run("read domain sending limits", jdbc -> jdbc.sql("""
                select d.id, %s from domain d left join domain_sending_limits dl on dl.domain_id = d.id
                 where d.name = :name""".formatted(SendingCounters.limitColumns("dl")))
                .param("name", DomainName.canonical(name))
                .query((rs, n) -> SendingCounters.limits(rs, "dl")).optional())
                .orElseThrow(() -> new NotFoundException("no domain " + name));
    }

    /**
     * Sets the limits of the domain {@code name}, which its users without their own take.
     *
     * @throws NotFoundException when there is no such domain
     */
    public void setForDomain(String name, SendingLimits limits) {
        int written = db.run("set domain sending limits", jdbc -> jdbc.sql(UPSERT.formatted("domain", COLUMNS, "d",
                "domain d where d.name = :name"))
                .param("name", DomainName.canonical(name)).params(values(limits)).update());
        if (written == 0) {
            throw new NotFoundException("no domain " + name);
        }
    }

    /**
     * Sets the user {@code address}'s own limits.
     *
     * @throws NotFoundException when there is no such user
     */
    public void setForUser(String address, SendingLimits limits) {
        Address user = Address.of(address);
        int written = db.run("set user sending limits", jdbc -> jdbc.sql(UPSERT.formatted("user", COLUMNS, "u",
                "mail_user u join domain d on d.id = u.domain_id where d.name = :domain and u.local_part = :local"))
                .param("domain", user.domain()).param("local", user.localPart()).params(values(limits)).update());
        if (written == 0) {
            throw new NotFoundException("no user " + address);
        }
    }

    private static Map<String, Object> values(SendingLimits limits) {
        Map<String, Object> values = new HashMap<>();
        values.put("mph", limits.messagesPerHour());
        values.put("mpd", limits.messagesPerDay());
        values.put("rpm", limits.recipientsPerMessage());
        values.put("rpd", limits.recipientsPerDay());
        return values;
    }
}
