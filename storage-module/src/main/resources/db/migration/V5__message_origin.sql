-- Where each stored message came from: 'submitted' by an authenticated user, 'received' from another
-- server on port 25, or 'generated' by Postroom itself (DSNs). Outbound delivery signs only submitted
-- and generated mail with a domain's DKIM key, never mail from the internet on the strength of its
-- From: header; and mail from the internet is taken by all its local recipients or by none.
--
-- Messages stored before cannot tell, and only queued ones matter (delivery reads the origin): the
-- queued bounces are the ones with the null sender, everything else counts as received. That is the
-- safe side: an unsigned message rather than one signed for a stranger. The default only fills the
-- existing rows (without rewriting the table); every new message names its origin.
alter table message add column origin text not null default 'received'
    check (origin in ('submitted', 'received', 'generated'));
update message set origin = 'generated' where sender = '' and id in (select message_id from queue_entry);
alter table message alter column origin drop default;
