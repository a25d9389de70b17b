-- The verdicts of the checks a message went through on its way in (RFC 8601 methods: spf, dkim,
-- dmarc, later dnsbl and rspamd), stored with the message in the transaction that stores it, so that
-- the console can show why a message was delivered or held. Several rows per message, in the order
-- the checks gave them (one per DKIM signature); they leave with the message.
create table message_check (
    message_id bigint not null references message (id) on delete cascade,
    position   int    not null,
    -- the RFC 8601 method: spf, dkim, dmarc, ...
    method     text   not null check (method <> ''),
    -- the RFC 8601 result word: pass, fail, softfail, neutral, none, temperror, permerror, ...
    result     text   not null check (result <> ''),
    -- what the verdict is about or why: "d=example.com s=sel", a reason, a score; '' for nothing
    detail     text   not null,
    primary key (message_id, position)
);
