-- The users' own quarantine (ADR 0006). A held message belongs to every user whose mailbox it
-- would have reached when it was held: one quarantine_user row each, made by Quarantine.hold from
-- the resolved recipients. A user sees, releases (into their INBOX only) or deletes their own copy;
-- the administrators still see and decide on the whole message. A daily digest names each held
-- message to each of its users once (digested_at).
create table quarantine_user (
    message_id  bigint      not null references quarantine (message_id) on delete cascade,
    user_id     bigint      not null references mail_user (id) on delete cascade,
    -- the user's own decision on their copy; null while they have not decided
    decision    text        check (decision in ('released', 'deleted')),
    decided_at  timestamptz,
    -- when a digest named the message to the user; null until one did
    digested_at timestamptz,
    primary key (message_id, user_id),
    check ((decision is null) = (decided_at is null))
);
-- a user's page and their digest read only their undecided copies
create index quarantine_user_undecided on quarantine_user (user_id, message_id) where decision is null;

-- True when every copy of the held message goes to a user (no external alias target, no relayed
-- address, no role address waiting for a postmaster): once each of them decided, nothing is left
-- for the administrators, and the hold ends by itself (released if anyone released it, else deleted).
alter table quarantine add column users_only boolean not null default false;

-- The administrators' quarantine filtered by a recipient's domain.
alter table quarantine_recipient
    add column domain text generated always as (lower(substring(address from '@([^@]*)$'))) stored;
create index quarantine_recipient_domain on quarantine_recipient (domain, message_id);

-- The digest: on unless turned off for the user or for the whole domain.
alter table domain add column quarantine_digest boolean not null default true;
alter table mail_user add column quarantine_digest boolean not null default true;

-- One digest round per day for the whole installation, whichever process starts it: the first to
-- claim the day's row sends; another may take over a claim left unfinished for an hour (its process
-- died). digested_at above keeps any message from being named twice whatever happens here.
create table quarantine_digest_round (
    round_date  date        primary key,
    node        text        not null,
    claimed_at  timestamptz not null default now(),
    finished_at timestamptz
);

-- Messages held before this migration: their users are found again by the recipient address
-- itself, or by its base without +tag when no user has the tagged one (as MailDirectory resolves a
-- user; what an alias or catch-all held stays with the administrators).
insert into quarantine_user (message_id, user_id)
select distinct r.message_id, coalesce(exact.id, base.id)
  from quarantine_recipient r
  join quarantine q on q.message_id = r.message_id and q.released_at is null
  join domain d on d.name = r.domain
  left join mail_user exact on exact.domain_id = d.id
        and exact.local_part = lower(substring(r.address from '^(.*)@[^@]*$'))
  left join mail_user base on base.domain_id = d.id
        and base.local_part = split_part(lower(substring(r.address from '^(.*)@[^@]*$')), '+', 1)
 where not r.relayed and coalesce(exact.id, base.id) is not null;
