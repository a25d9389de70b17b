-- Domain administrators (issue 17): an administrator is either a server administrator (everything,
-- as before) or the administrator of some domains, who manages those domains' users, aliases,
-- limits, sign-in rules, sender lists, spam policy and quarantine only. The role is a column of its
-- own, not "no rows in admin_domain": deleting a domain must never turn its administrator into a
-- server administrator.
alter table admin_account
    add column server_admin        boolean not null default true,
    add column two_factor_required boolean not null default false;

create table admin_domain (
    admin_id  bigint not null references admin_account (id) on delete cascade,
    domain_id bigint not null references domain (id) on delete cascade,
    primary key (admin_id, domain_id)
);
create index admin_domain_domain on admin_domain (domain_id);
