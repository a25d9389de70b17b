-- Greylisting on port 25 (issue 16), shared by every Postroom process on this database so that a
-- retry that reaches another process counts. A triplet is the client's network (an IPv4 /24, an
-- IPv6 /64: a sending cluster retries from a sibling address), the envelope sender ('' for the null
-- sender) and the recipient, both lower case. first_seen is the first attempt, which was deferred;
-- passed_at is null until a retry came after the delay, then the last time the triplet passed
-- (renewed at most once a day, so that regular mail costs a read, not a write). Read once per RCPT
-- by its primary key.
create table greylist_triplet (
    client_network cidr        not null,
    sender         text        not null check (sender = lower(sender)),
    recipient      text        not null check (recipient = lower(recipient)),
    first_seen     timestamptz not null,
    passed_at      timestamptz,
    primary key (client_network, sender, recipient)
);
-- the expiry's two questions: first attempts never retried in time, passes older than the lifetime
create index greylist_triplet_waiting on greylist_triplet (first_seen) where passed_at is null;
create index greylist_triplet_passed on greylist_triplet (passed_at) where passed_at is not null;

-- Sender domains a triplet of which passed, and when last: a client that SPF authenticates for one
-- of them is not greylisted (a big sender's next server or next recipient is not made to wait).
create table greylist_domain (
    domain    text        primary key check (domain = lower(domain)),
    passed_at timestamptz not null
);
