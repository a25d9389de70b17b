-- Sending limits and suspended sending (issue 17). Limits are set per user and per domain; a
-- column left null takes the next level's value (user, then domain, then the server's
-- postroom.limits.*). A limit is at least 1: a user who may not send at all is suspended instead.
create table domain_sending_limits (
    domain_id              bigint primary key references domain (id) on delete cascade,
    messages_per_hour      int check (messages_per_hour >= 1),
    messages_per_day       int check (messages_per_day >= 1),
    recipients_per_message int check (recipients_per_message >= 1),
    recipients_per_day     int check (recipients_per_day >= 1)
);

create table user_sending_limits (
    user_id                bigint primary key references mail_user (id) on delete cascade,
    messages_per_hour      int check (messages_per_hour >= 1),
    messages_per_day       int check (messages_per_day >= 1),
    recipients_per_message int check (recipients_per_message >= 1),
    recipients_per_day     int check (recipients_per_day >= 1)
);

-- What each user sent, one row per user and clock hour (UTC) in which they sent or were refused,
-- shared by every process on the database. A submission's commit adds its message and recipients
-- to the hour's row in the message's own transaction (so a message refused or rolled back counts
-- nothing, and two processes serialise on the row); "per day" is the hour's row and the 23 before
-- it, read by the primary key. A refusal for a limit adds to limit_hits, a message the spam filter
-- rejected at submission to spam_rejects. A user's rows older than a day are deleted as they charge.
create table sending_count (
    user_id      bigint      not null references mail_user (id) on delete cascade,
    hour         timestamptz not null,
    messages     int         not null default 0,
    recipients   int         not null default 0,
    limit_hits   int         not null default 0,
    spam_rejects int         not null default 0,
    primary key (user_id, hour)
);

-- Sending suspended for a user who hit their limits, or whose mail the spam filter rejected, too
-- often in a day (postroom.limits.lock-after); an administrator lifts it. Receiving and POP3 go
-- on. Every suspension stays as a row, with who lifted it when; at most one per user is in force.
create table sending_suspension (
    id           bigint generated always as identity primary key,
    user_id      bigint      not null references mail_user (id) on delete cascade,
    suspended_at timestamptz not null,
    reason       text        not null check (reason in ('limit-hits', 'spam-rejects')),
    lifted_at    timestamptz,
    lifted_by    text,
    check ((lifted_at is null) = (lifted_by is null))
);
create unique index sending_suspension_in_force on sending_suspension (user_id) where lifted_at is null;
