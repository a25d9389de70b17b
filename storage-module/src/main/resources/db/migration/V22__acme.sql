-- Certificates from an ACME CA (issue 23), shared by every Postroom process on this database: one
-- process orders (under an advisory lock), every process serves what it stored.

-- The ACME account's key pair (PEM), one per CA directory URL: RFC 8555 finds the account by its
-- key, so the key is all that must be kept.
create table acme_account (
    directory  text        primary key,
    key_pem    text        not null,
    created_at timestamptz not null default now()
);

-- The server's certificate (one row): the chain leaf first and its private key in PEM, the names it
-- covers, and until when it is valid (read without parsing the PEM, to decide on renewal).
create table acme_certificate (
    id        smallint    primary key default 1 check (id = 1),
    names     text[]      not null,
    chain_pem text        not null,
    key_pem   text        not null,
    not_after timestamptz not null,
    issued_at timestamptz not null
);

-- How ordering goes (one row): failures since the last success, the last error for the console,
-- and when the next attempt may start (the back-off).
create table acme_renewal (
    id           smallint    primary key default 1 check (id = 1),
    failures     integer     not null,
    last_error   text,
    attempted_at timestamptz not null,
    retry_at     timestamptz not null
);

-- HTTP-01 answers (RFC 8555 §8.3) being validated: the CA may ask any process behind the load
-- balancer, so each one answers from here.
create table acme_challenge (
    token             text        primary key,
    key_authorization text        not null,
    expires_at        timestamptz not null
);
