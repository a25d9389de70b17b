-- SRS, the Sender Rewriting Scheme: mail an alias forwards to another domain leaves with its envelope
-- sender rewritten into an address at the alias's domain, so that the receiver's SPF check asks about
-- this server, and a bounce comes back here to be handed on to the original sender. Each queue entry
-- remembers the address it was forwarded for (the alias; null when the entry's recipient was itself
-- the envelope recipient), whose domain the rewritten sender uses.
alter table queue_entry add column forwarded_for text;

-- Secrets that every Postroom process of one installation shares, made by the first process that
-- needs one (the key that signs SRS addresses, so any process can check a bounce another one caused).
-- They never leave storage except towards the code that uses them.
create table server_secret (
    name       text primary key,
    secret     bytea       not null,
    created_at timestamptz not null default now()
);
