-- What a domain does with mail rspamd scores as spam without refusing it (its "add header" and
-- "rewrite subject" actions): deliver it with subject_tag before the Subject ('' for no tag), or
-- hold it in the administrators' quarantine (hold, reason spam). A domain without a row has the
-- defaults: tag '[SPAM]', deliver. The row leaves with its domain.
create table domain_spam_policy (
    domain_id   bigint  primary key references domain (id) on delete cascade,
    subject_tag text    not null check (length(subject_tag) <= 64 and subject_tag !~ '[\r\n]'),
    hold        boolean not null
);
