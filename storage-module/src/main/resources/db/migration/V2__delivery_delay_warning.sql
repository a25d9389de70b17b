-- Outbound delivery sends the sender one "delayed" DSN (RFC 3464 Action: delayed) when an entry
-- has waited for hours; the flag makes that warning go out at most once per queue entry, whichever
-- worker or process defers the entry.
alter table queue_entry add column delay_warned boolean not null default false;
