/**
 * Who among the administrators may do what: a server administrator everything; a domain
 * administrator only what a handler declares open to them ({@link
 * org.postroom.admin.access.DomainScoped}) and only for the domains, addresses and held messages of
 * their own domains. {@link org.postroom.admin.access.DomainAccess} is the one place that decides,
 * for the console and the REST API alike (the CLI is run by the server's operator and has no
 * domain administrators of its own); {@link org.postroom.admin.access.DomainAdministratorGate}
 * applies it before every handler, to what the path names, and the handlers ask it about what a
 * body names and to filter their lists; the security chain asks it whether the actuator's
 * endpoints (no MVC handlers) may be read. A resource of another domain is answered 404, as one that
 * does not exist ({@link org.postroom.admin.access.OutsideYourDomains}); a function only server
 * administrators have is answered 403 ({@link org.postroom.admin.access.ServerAdministratorsOnly}).
 * docs/adr/0010-domain-administrators.md says why.
 */
package org.postroom.admin.access;
