package org.postroom.admin.access;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.postroom.storage.directory.AdminAccountRepository;
import org.postroom.storage.directory.AdministratorScope;
import org.postroom.storage.quarantine.HeldMessage;
import org.postroom.storage.quarantine.Quarantine;
import org.postroom.storage.tokens.ApiToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The one place that decides which domains' data the signed-in administrator may see and change.
 * Their scope is read from the database once per request (so a change of an administrator's
 * domains, or their deletion, counts from their next request on, also in a console session that
 * began before); an administrator deleted meanwhile, and anyone who is no administrator, may
 * manage no domain at all. A held message is a domain administrator's only when every one of its
 * recipients is at their domains: releasing it delivers to all of them. An API token narrowed to a
 * domain narrows its owner's scope to that domain here, so the token goes through the same gate.
 */
@Component
public class DomainAccess {

    static final String ADMIN_ROLE = "ROLE_ADMIN";
    private static final String SCOPE_ATTRIBUTE = DomainAccess.class.getName() + ".scope";
    private static final String CHECKED_ATTRIBUTE = DomainAccess.class.getName() + ".checked";
    private static final AdministratorScope NOTHING = AdministratorScope.domainAdministrator(List.of());

    private final AdminAccountRepository admins;
    private final Quarantine quarantine;

    DomainAccess(AdminAccountRepository admins, Quarantine quarantine) {
        this.admins = admins;
        this.quarantine = quarantine;
    }

    /** True for a signed-in server administrator; false for everyone else (no database query for them). */
    public boolean serverAdministrator() {
        return signedInAdministrator() != null && scope().server();
    }

    /** The signed-in administrator's scope; nothing for anyone else. */
    public AdministratorScope scope() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object cached = request == null ? null : request.getAttribute(SCOPE_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (cached instanceof AdministratorScope scope) {
            return scope;
        }
        String username = signedInAdministrator();
        AdministratorScope scope = username == null ? NOTHING : narrowedByToken(admins.scope(username).orElse(NOTHING));
        if (request != null) {
            request.setAttribute(SCOPE_ATTRIBUTE, scope, RequestAttributes.SCOPE_REQUEST);
        }
        return scope;
    }

    /** @throws OutsideYourDomains unless the administrator may manage {@code domain} */
    public void requireDomain(String domain) {
        if (domain == null || !scope().covers(domain)) {
            throw new OutsideYourDomains("domain " + domain);
        }
        noteChecked(new Checked(domain, domain));
    }

    /** @throws OutsideYourDomains unless the administrator may manage the domain of the user or alias {@code address} */
    public void requireAddress(String address) {
        if (address == null || !scope().covers(domainOf(address))) {
            throw new OutsideYourDomains("user or alias " + address);
        }
        noteChecked(new Checked(domainOf(address), address));
    }

    /**
     * What this request's handler last had checked here by {@link #requireDomain} or {@link
     * #requireAddress} (for a server administrator too): the domain and the domain or address the
     * request is about, for the audit log; empty when nothing was.
     */
    public Optional<Checked> checked() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object checked = request == null ? null : request.getAttribute(CHECKED_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return Optional.ofNullable(checked instanceof Checked found ? found : null);
    }

    /** A domain, and the domain or address of it that a request was checked for. */
    public record Checked(String domain, String target) {
    }

    /**
     * For a postmaster target: none (null or blank), or for a domain administrator an address at
     * their own domains. Storage refuses a target at one of this server's domains that no user or
     * alias has, so a target elsewhere would tell them whether another domain's user exists; a
     * server administrator sets targets outside (docs/adr/0010-domain-administrators.md).
     *
     * @throws OutsideYourDomains for a domain administrator's target outside their domains
     */
    public void requireTargetWithin(String target) {
        if (target != null && !target.isBlank()) {
            requireAddress(target);
        }
    }

    /** @throws OutsideYourDomains unless every recipient of the held message {@code id} is at the administrator's domains */
    public void requireHeldMessage(long id) {
        AdministratorScope scope = scope();
        if (scope.server()) {
            return;
        }
        boolean ours = quarantine.find(id).map(HeldMessage::recipients)
                .filter(recipients -> recipients.stream().allMatch(recipient -> scope.covers(domainOf(recipient))))
                .isPresent();
        if (!ours) {
            throw new OutsideYourDomains("held message " + id);
        }
    }

    /** @throws ServerAdministratorsOnly unless the administrator is a server administrator */
    public void requireServerAdministrator() {
        if (!scope().server()) {
            throw new ServerAdministratorsOnly();
        }
    }

    /** The domains a list may show: null for all (a server administrator), else the administrator's own. */
    public Collection<String> within() {
        AdministratorScope scope = scope();
        return scope.server() ? null : scope.domains();
    }

    /** The items of {@code items} whose domain (by {@code domainOf}) the administrator may manage. */
    public <T> List<T> filter(List<T> items, Function<T, String> domainOf) {
        AdministratorScope scope = scope();
        return scope.server() ? items : items.stream().filter(item -> scope.covers(domainOf.apply(item))).toList();
    }

    /** The domain of an address, a catch-all's {@code @domain} included; a string without {@code @} is taken whole. */
    public static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }

    private static void noteChecked(Checked checked) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(CHECKED_ATTRIBUTE, checked, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /**
     * An API token narrowed to one domain gives its owner's rights over that domain only: the
     * domain administrator of it when the owner may manage it, of nothing otherwise (the owner lost
     * the domain since). A token never widens its owner's scope.
     */
    private static AdministratorScope narrowedByToken(AdministratorScope owner) {
        Authentication login = SecurityContextHolder.getContext().getAuthentication();
        if (login == null || !(login.getDetails() instanceof ApiToken token) || token.domain() == null) {
            return owner;
        }
        return owner.covers(token.domain()) ? AdministratorScope.domainAdministrator(List.of(token.domain())) : NOTHING;
    }

    /** The signed-in administrator's name; null when the request's login is no administrator's. */
    static String signedInAdministrator() {
        Authentication login = SecurityContextHolder.getContext().getAuthentication();
        if (login == null || !login.isAuthenticated()
                || login.getAuthorities().stream().noneMatch(authority -> ADMIN_ROLE.equals(authority.getAuthority()))) {
            return null;
        }
        return login.getName();
    }
}
