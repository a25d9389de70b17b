package org.postroom.admin.autoconfig;

import java.util.Locale;

import org.postroom.storage.InvalidInputException;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.directory.Address;
import org.postroom.storage.directory.Domain;
import org.postroom.storage.directory.DomainRepository;
import org.springframework.stereotype.Component;

/**
 * Which of our domains a mail client asks about: the domain of the address it gives, or the host
 * it asked ({@code autoconfig.example.com}, {@code autodiscover.example.com}). Settings are only
 * handed out for this server's own domains.
 */
@Component
class ClientDomains {

    private final DomainRepository domains;

    ClientDomains(DomainRepository domains) {
        this.domains = domains;
    }

    /**
     * @throws InvalidInputException when {@code address} is not a mail address
     * @throws NotFoundException when its domain is not one of ours
     */
    Address ofAddress(String address) {
        Address parsed = Address.validated(address, false);
        requireOurs(parsed.domain());
        return parsed;
    }

    /** @throws NotFoundException when the host names none of our domains */
    Domain ofHost(String host) {
        String name = host.toLowerCase(Locale.ROOT).replaceFirst("^(autoconfig|autodiscover)\\.", "");
        return requireOurs(name);
    }

    private Domain requireOurs(String name) {
        return domains.find(name).orElseThrow(() -> new NotFoundException(
                "no mail settings for " + name + ": it is not one of this server's domains"));
    }
}
