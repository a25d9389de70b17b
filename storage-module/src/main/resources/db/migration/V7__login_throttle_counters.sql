-- The login throttle keeps counters instead of one row per failure (auth_failure), so that an
-- attempt can be reserved atomically before its password is checked: one upsert per client and
-- account, whose row lock makes parallel attempts take their turns (storage's LoginThrottle).
--
-- Both tables are UNLOGGED: a commit that only touches them does not wait for the WAL to reach
-- the disk, and a crash merely forgets recent failures. Rows whose window has passed are deleted
-- by LoginThrottle as it goes.
drop table auth_failure;

-- Failed logins per client: an IPv4 address (/32) or an IPv6 /64, the block one subscriber gets.
-- failures counts reserved attempts since window_start, minus those that turned out right.
create unlogged table login_client (
    network      cidr        primary key,
    failures     integer     not null,
    window_start timestamptz not null
);

-- Failed logins per account, from whatever client: the SHA-256 of the canonical login, so that no
-- address sits here. not_before holds the account's next attempt back, growing with the failures.
create unlogged table login_account (
    account      bytea       primary key,
    failures     integer     not null,
    window_start timestamptz not null,
    not_before   timestamptz
);
