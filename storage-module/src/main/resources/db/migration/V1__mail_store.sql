-- Postroom's mail store. Every name (domain, local part) is stored in its canonical form:
-- lower-case, domains as ASCII (IDN in punycode) without a trailing dot.

-- The mail domains this server is the final destination for.
create table domain (
    id               bigint generated always as identity primary key,
    name             text        not null unique check (name = lower(name) and name <> ''),
    -- DKIM key of the domain: PKCS#8 private key and X.509 public key, base64.
    -- The private key never leaves storage except towards the signer.
    dkim_selector    text        not null,
    dkim_private_key text        not null,
    dkim_public_key  text        not null,
    created_at       timestamptz not null default now()
);

-- Mail users: one login, one set of mailboxes. The address is local_part@domain.
create table mail_user (
    id            bigint generated always as identity primary key,
    domain_id     bigint      not null references domain (id) on delete cascade,
    local_part    text        not null check (local_part = lower(local_part) and local_part <> ''),
    -- Spring Security's delegating format, e.g. {bcrypt}$2a$10$..., so the algorithm can change later.
    password_hash text        not null,
    -- null means no limit
    quota_bytes   bigint      check (quota_bytes >= 0),
    enabled       boolean     not null default true,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    unique (domain_id, local_part)
);

-- Aliases: local_part@domain delivers to every target. The empty local part is the domain's
-- catch-all, used only when no user and no other alias matches.
create table alias (
    id         bigint generated always as identity primary key,
    domain_id  bigint      not null references domain (id) on delete cascade,
    local_part text        not null check (local_part = lower(local_part)),
    created_at timestamptz not null default now(),
    unique (domain_id, local_part)
);

-- A target is a full address, local (resolved again, recursively) or external (relayed out).
create table alias_target (
    alias_id bigint not null references alias (id) on delete cascade,
    target   text   not null,
    primary key (alias_id, target)
);

-- A user's mailboxes: INBOX today, folders later. next_uid hands out per-mailbox UIDs that
-- never change and are never reused; the counters make quota checks and STAT cheap.
create table mailbox (
    id            bigint generated always as identity primary key,
    user_id       bigint not null references mail_user (id) on delete cascade,
    name          text   not null,
    uid_validity  bigint not null,
    next_uid      bigint not null default 1,
    message_count bigint not null default 0 check (message_count >= 0),
    total_bytes   bigint not null default 0 check (total_bytes >= 0),
    unique (user_id, name)
);

-- One stored copy of a message's bytes, however many mailboxes and queue entries refer to it.
-- The bytes live in chunks so that writing and reading stream without holding a whole message.
create table message (
    id          bigint generated always as identity primary key,
    size        bigint      not null check (size >= 0),
    -- envelope sender; '' is the null sender <>
    sender      text        not null,
    received_at timestamptz not null default now()
);

create table message_chunk (
    message_id bigint not null references message (id) on delete cascade,
    seq        int    not null,
    data       bytea  not null,
    primary key (message_id, seq)
);

-- A message as it appears in one mailbox.
create table mailbox_entry (
    mailbox_id  bigint      not null references mailbox (id) on delete cascade,
    uid         bigint      not null,
    message_id  bigint      not null references message (id),
    size        bigint      not null,
    received_at timestamptz not null,
    primary key (mailbox_id, uid)
);
create index mailbox_entry_message on mailbox_entry (message_id);

-- Outbound queue: one entry per remote recipient of a message. A claimed entry carries a lease;
-- when its worker dies the lease runs out and another worker claims it again.
create table queue_entry (
    id              bigint generated always as identity primary key,
    message_id      bigint      not null references message (id),
    sender          text        not null,
    recipient       text        not null,
    -- the recipient's domain: entries for one message and domain go out in one SMTP transaction
    domain          text        not null,
    state           text        not null default 'queued' check (state in ('queued', 'delivering')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    lease_until     timestamptz,
    claimed_by      text,
    last_error      text,
    created_at      timestamptz not null default now()
);
create index queue_entry_due on queue_entry (next_attempt_at);
create index queue_entry_message on queue_entry (message_id);

-- Every delivery attempt, kept after its queue entry is gone.
create table delivery_attempt (
    id             bigint generated always as identity primary key,
    queue_entry_id bigint      not null,
    message_id     bigint      not null,
    recipient      text        not null,
    attempted_at   timestamptz not null default now(),
    next_hop       text,
    outcome        text        not null check (outcome in ('delivered', 'deferred', 'failed')),
    reply          text
);
create index delivery_attempt_entry on delivery_attempt (queue_entry_id);
create index delivery_attempt_time on delivery_attempt (attempted_at);

-- Failed logins per client IP, for SMTP AUTH, POP3 and the web login alike.
create table auth_failure (
    ip        inet        not null,
    failed_at timestamptz not null default now()
);
create index auth_failure_ip_time on auth_failure (ip, failed_at);

-- Administrators of the web console and the REST API.
create table admin_account (
    id            bigint generated always as identity primary key,
    username      text        not null unique,
    password_hash text        not null,
    created_at    timestamptz not null default now()
);
