-- The administrators' quarantine: messages an inbound check held back (DMARC p=quarantine, later
-- spam) instead of delivering them. A held message is stored like any other (message,
-- message_chunk, its verdicts in message_check: one copy, ADR 0001) but has no mailbox or queue
-- entry; its quarantine row is the reference that keeps it (MessageReaper counts rows still held).
-- Releasing delivers it as MailStore would have and stamps released_at; the row then leaves with
-- the message, or after the retention period. Deleting removes the row and the message with it.
create table quarantine (
    message_id  bigint      primary key references message (id) on delete cascade,
    -- why it was held: dmarc, spam, ...
    reason      text        not null check (reason <> ''),
    held_at     timestamptz not null default now(),
    -- null while held
    released_at timestamptz
);
create index quarantine_held on quarantine (held_at) where released_at is null;
create index quarantine_released on quarantine (released_at) where released_at is not null;

-- The envelope recipients a held message was accepted for, in RCPT order. A release resolves each
-- one again in the directory (users and aliases may have changed meanwhile); an address an
-- authenticated user relayed through us (relayed) goes out as it is.
create table quarantine_recipient (
    message_id bigint  not null references quarantine (message_id) on delete cascade,
    position   int     not null,
    address    text    not null,
    relayed    boolean not null,
    primary key (message_id, position)
);
