-- API tokens (issue 17): what scripts use on /api instead of an administrator's password. A token
-- belongs to one administrator and never goes beyond their rights: it is read-only or may write,
-- and may be narrowed to one domain (deleting that domain deletes the token, so it never widens).
-- Shown once at creation; only a SHA-256 digest is kept (a token is 160 random bits, so a digest
-- is enough and a request costs no bcrypt). prefix is the token's first letters, shown in lists so
-- its owner can tell tokens apart, and the login the throttle counts failures of.
create table api_token (
    id             bigint generated always as identity primary key,
    admin_id       bigint      not null references admin_account (id) on delete cascade,
    name           text        not null check (name <> ''),
    prefix         text        not null unique,
    token_digest   bytea       not null unique,
    domain_id      bigint      references domain (id) on delete cascade,
    may_write      boolean     not null,
    created_at     timestamptz not null default now(),
    expires_at     timestamptz not null,
    revoked_at     timestamptz,
    last_used_at   timestamptz,
    last_used_from text,
    unique (admin_id, name)
);

-- The audit log (issue 17): every change made through the console, the API or the CLI, every web
-- login and failed login, every suspension of sending and its lift. Never a secret: the action,
-- its target and a short description of what changed, not the values of passwords, tokens or
-- second factors. domain is the domain the entry is about (null for the server's own business),
-- so a domain administrator sees the entries of their domains only. Rows older than
-- postroom.audit.retention are deleted.
create table audit_entry (
    id      bigint generated always as identity primary key,
    at      timestamptz not null default now(),
    actor   text        not null,
    channel text        not null check (channel in ('console', 'api', 'cli', 'account', 'server')),
    client  text,
    action  text        not null,
    domain  text,
    target  text,
    detail  text
);
create index audit_entry_at on audit_entry (at);
create index audit_entry_domain on audit_entry (domain, at);
create index audit_entry_actor on audit_entry (actor, at);
