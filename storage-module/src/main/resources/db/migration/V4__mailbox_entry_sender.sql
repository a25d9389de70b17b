-- A mail client receives each message after the Return-Path line that final delivery adds
-- (RFC 5321 §4.4), with the envelope sender. Each mailbox entry keeps that sender, so that listing
-- a maildrop, whose sizes include the line, reads one table however large the store is.
alter table mailbox_entry add column sender text;
update mailbox_entry e set sender = m.sender from message m where m.id = e.message_id;
alter table mailbox_entry alter column sender set not null;
