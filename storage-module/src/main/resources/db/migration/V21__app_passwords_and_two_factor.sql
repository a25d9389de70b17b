-- App passwords (issue 17): passwords Postroom generates for a user's mail programs, each named by
-- the user, shown once and stored as a bcrypt hash like the account password. SMTP AUTH and POP3
-- accept them beside (or, when required, instead of) the account password; the web never does.
-- lookup is the password's first four letters, in clear: a login checks the one row they name,
-- so a wrong password costs one bcrypt however many app passwords the user has (the other twelve
-- letters, about 56 bits, are what the hash keeps).
create table app_password (
    id             bigint generated always as identity primary key,
    user_id        bigint      not null references mail_user (id) on delete cascade,
    name           text        not null check (name <> ''),
    lookup         text        not null,
    password_hash  text        not null,
    created_at     timestamptz not null default now(),
    last_used_at   timestamptz,
    last_used_from text,
    unique (user_id, name)
);
create index app_password_lookup on app_password (user_id, lookup);

-- A domain or a user may require app passwords for the mail protocols: the account password then
-- opens only the web pages. A domain may require two-factor login of its users on the web.
alter table domain add column app_passwords_required boolean not null default false,
                   add column two_factor_required boolean not null default false;
alter table mail_user add column app_passwords_required boolean not null default false;

-- Two-factor login (TOTP, RFC 6238) of a mail user or an administrator on the web. The secret is
-- the shared key the user's authenticator app holds (base32). last_step is the 30-second step of
-- the last code accepted: a code of that step or an earlier one is never accepted again, so a code
-- seen once cannot be replayed, on any node.
create table two_factor (
    id         bigint generated always as identity primary key,
    user_id    bigint      unique references mail_user (id) on delete cascade,
    admin_id   bigint      unique references admin_account (id) on delete cascade,
    secret     text        not null,
    last_step  bigint      not null default 0,
    created_at timestamptz not null default now(),
    check (num_nonnulls(user_id, admin_id) = 1)
);

-- Recovery codes, shown once at enrolment, each good for one login instead of a code. They are
-- random (50 bits), so a SHA-256 digest is enough to keep them from whoever reads the table.
create table recovery_code (
    two_factor_id bigint      not null references two_factor (id) on delete cascade,
    code_digest   bytea       not null,
    used_at       timestamptz,
    primary key (two_factor_id, code_digest)
);
