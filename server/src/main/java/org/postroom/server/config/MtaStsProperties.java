package org.postroom.server.config;

import java.nio.file.Path;
import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.postroom.smtp.outbound.CertificateTrust;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * MTA-STS for outbound delivery (RFC 8461): recipient domains' policies looked up, fetched and
 * enforced for their MX hosts (never for the relay host or a route).
 *
 * @param enabled whether policies are looked at; off: every MX host gets opportunistic TLS
 * @param trustFile PEM certificates trusted besides the JDK's trust store, for policy servers and
 *        MX hosts alike (a test CA, or a private one inside a company); unset: the JDK's alone
 * @param timeout for each connection to a policy server and each read from it
 */
@ConfigurationProperties("postroom.delivery.mta-sts")
@Validated
public record MtaStsProperties(@DefaultValue("true") boolean enabled, Path trustFile,
        @DefaultValue("10s") @DurationMin(seconds = 1, message = "must be between 1s and 60s")
        @DurationMax(seconds = 60, message = "must be between 1s and 60s") Duration timeout) {

    private static final String TRUST_FILE = "postroom.delivery.mta-sts.trust-file";

    public MtaStsProperties {
        trustFile = TrustFile.orNull(trustFile);
        // read at start, so that a bad file stops it
        TrustFile.read(TRUST_FILE, trustFile);
    }

    /** The certificates policy servers and MX hosts under a policy are verified against. */
    public CertificateTrust trust() {
        return TrustFile.read(TRUST_FILE, trustFile);
    }
}
