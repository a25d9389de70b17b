-- MTA-STS (RFC 8461, issue 23): the policy each domain publishes for mail sent to it, served at
-- https://mta-sts.<domain>/.well-known/mta-sts.txt. 'none' serves no policy (the default: a policy
-- in 'enforce' mode makes senders refuse to deliver unless TLS to this server checks out, so an
-- administrator turns it on when the certificate and DNS are in place).
alter table domain
    add column mta_sts_mode text not null default 'none'
        constraint domain_mta_sts_mode check (mta_sts_mode in ('none', 'testing', 'enforce'));
