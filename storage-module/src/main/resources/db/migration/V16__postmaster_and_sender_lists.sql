-- Where postmaster@ and abuse@ of a domain go (RFC 5321 §4.5.1, RFC 2142) when no user or alias of
-- that name exists: a full address, a local user or alias of ours or an external one. Null: not set,
-- such mail goes to the domain's catch-all if it has one, else it waits in the administrators'
-- quarantine (and the dashboard says so).
alter table domain add column postmaster_target text check (postmaster_target <> '');

-- Allow and block lists of senders, one per domain (user_id null) and one per user. An entry is a
-- sender address (address), all of one sender domain (sender_domain, written @example.org) or a
-- client network (network, an IP address being a /32 or /128); entry is its canonical text, as
-- listed and as typed to remove it. A recipient's lists are read once per RCPT: its user's entries
-- (by sender_rule_user) and its domain's (by sender_rule_domain).
create table sender_rule (
    id            bigint generated always as identity primary key,
    domain_id     bigint      not null references domain (id) on delete cascade,
    user_id       bigint      references mail_user (id) on delete cascade,
    entry         text        not null,
    address       text        check (address = lower(address)),
    sender_domain text        check (sender_domain = lower(sender_domain)),
    network       cidr,
    action        text        not null check (action in ('allow', 'block')),
    created_at    timestamptz not null default now(),
    check (num_nonnulls(address, sender_domain, network) = 1)
);
create unique index sender_rule_domain on sender_rule (domain_id, entry) where user_id is null;
create unique index sender_rule_user on sender_rule (user_id, entry) where user_id is not null;
