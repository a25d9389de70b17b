-- An administrator created with a password that Postroom generated and printed to the log must
-- choose their own at the first login: until then the console shows only the change-password
-- page and the API refuses them. Passwords set by the operator (configuration, command line) or
-- by the administrator clear the flag; administrators that exist already keep working.
alter table admin_account add column must_change_password boolean not null default false;
