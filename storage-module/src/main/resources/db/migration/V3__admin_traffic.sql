-- The console's traffic figures (messages received today, messages per hour). The message table
-- cannot answer that: its rows leave as soon as no mailbox or queue entry holds them, and POP3
-- users delete what they downloaded. So every stored message leaves one row here, kept for a
-- week (storage's MailStatistics removes older rows). Deliveries out are counted from
-- delivery_attempt, which is kept anyway.
create table message_arrival (
    received_at timestamptz not null
);
create index message_arrival_time on message_arrival (received_at);

-- A trigger, so that every way a message gets stored (MX, submission, bounces) is counted and a
-- delivery that rolls back is not. Insert-only: concurrent deliveries never wait on each other here.
create function record_message_arrival() returns trigger language plpgsql as $$
begin
    insert into message_arrival (received_at) values (new.received_at);
    return null;
end
$$;

create trigger message_arrival after insert on message
    for each row execute function record_message_arrival();
