package org.postroom.server.acme;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.postroom.storage.acme.AcmeChallenges;
import org.postroom.storage.acme.CertificateStore;
import org.postroom.storage.acme.IssuedCertificate;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.connector.HttpConnector;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * One ACME CA, asked through acme4j: an account made (or found again, RFC 8555 §7.3.1) with the
 * key stored for this directory, and orders answered with HTTP-01 challenges published in the
 * database, so that whichever process the CA's validator reaches answers it.
 */
public final class CertificateAuthority {

    /** How long the CA may take to validate one challenge, and to issue once the order is ready. */
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final String KEY_CURVE = "secp256r1";

    private final URI directory;
    private final String email;
    private final SSLContext trust;
    private final CertificateStore store;
    private final AcmeChallenges challenges;
    private final Clock clock;

    /**
     * @param trust the client context for the CA's HTTPS when it is not the JDK's (a company's own
     *        CA); null for the JDK's
     */
    public CertificateAuthority(URI directory, String email, SSLContext trust, CertificateStore store,
            AcmeChallenges challenges, Clock clock) {
        this.directory = directory;
        this.email = email;
        this.trust = trust;
        this.store = store;
        this.challenges = challenges;
        this.clock = clock;
    }

    /** The CA's directory URL, as configured. */
    public URI directory() {
        return directory;
    }

    /**
     * Orders a certificate for {@code names} (the first one its subject) with a new EC P-256 key.
     *
     * @throws AcmeException with the CA's reason when the account, an authorization or the order fails
     */
    public IssuedCertificate order(List<String> names) throws AcmeException, InterruptedException {
        Session session = trust == null ? new Session(directory) : new Session(directory, new TrustingProvider(trust));
        Account account = account(session);
        Order order = account.newOrder().domains(names).create();
        for (Authorization authorization : order.getAuthorizations()) {
            if (authorization.getStatus() != Status.VALID) {
                authorize(authorization);
            }
        }
        KeyPair key = newKey();
        order.waitUntilReady(PATIENCE);
        order.execute(key);
        Status status = order.waitForCompletion(PATIENCE);
        if (status != Status.VALID) {
            throw new AcmeException("the order ended " + status + problem(order.getError().orElse(null)));
        }
        Certificate certificate = order.getCertificate();
        X509Certificate leaf = certificate.getCertificate();
        return new IssuedCertificate(names, pem(certificate), pkcs8(key),
                leaf.getNotAfter().toInstant(), clock.instant());
    }

    private Account account(Session session) throws AcmeException {
        String keyPem = store.accountKey(directory.toString(), () -> {
            KeyPair fresh = newKey();
            return pkcs8(fresh) + pem(fresh.getPublic());
        });
        KeyPair key = readAccountKey(keyPem);
        AccountBuilder builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(key);
        if (!email.isEmpty()) {
            builder.addEmail(email);
        }
        return builder.create(session);
    }

    /** RFC 8555 §8.3: the answer is published before the CA is told to look, withdrawn after. */
    private void authorize(Authorization authorization) throws AcmeException, InterruptedException {
        String name = authorization.getIdentifier().getDomain();
        Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class)
                .orElseThrow(() -> new AcmeException("the CA offers no HTTP-01 challenge for " + name));
        Instant expires = clock.instant().plus(PATIENCE.multipliedBy(2));
        challenges.publish(challenge.getToken(), challenge.getAuthorization(), expires);
        try {
            challenge.trigger();
            Status status = challenge.waitForCompletion(PATIENCE);
            if (status != Status.VALID) {
                throw new AcmeException("the CA could not validate " + name + " over HTTP on port 80"
                        + problem(challenge.getError().orElse(null)));
            }
        } finally {
            challenges.withdraw(challenge.getToken());
        }
    }

    /**
     * An EC P-256 key from the JDK: acme4j's own key helper wants BouncyCastle registered as a
     * security provider, which Postroom never does process-wide.
     */
    private static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(KEY_CURVE));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make an EC key: " + e.getMessage(), e);
        }
    }

    private static String problem(Problem problem) {
        if (problem == null) {
            return "";
        }
        return ": " + problem.getDetail().orElse(problem.getType().toString());
    }

    private static String pem(Certificate certificate) {
        StringWriter text = new StringWriter();
        try {
            certificate.writeCertificate(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static String pkcs8(KeyPair key) {
        try {
            return pem(new JcaPKCS8Generator(key.getPrivate(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** The account's pair as stored: the private key (PKCS#8) and the public key, in PEM. */
    private static KeyPair readAccountKey(String pem) throws AcmeException {
        PrivateKeyInfo privateKey = null;
        SubjectPublicKeyInfo publicKey = null;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object entry = parser.readObject(); entry != null; entry = parser.readObject()) {
                if (entry instanceof PrivateKeyInfo info) {
                    privateKey = info;
                } else if (entry instanceof SubjectPublicKeyInfo info) {
                    publicKey = info;
                }
            }
            if (privateKey == null || publicKey == null) {
                throw new AcmeException("the stored ACME account key is incomplete");
            }
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            return new KeyPair(converter.getPublicKey(publicKey), converter.getPrivateKey(privateKey));
        } catch (IOException e) {
            throw new AcmeException("the stored ACME account key cannot be read: " + e.getMessage());
        }
    }

    /** acme4j's generic provider with the CA's HTTPS verified against {@code postroom.acme.trust-file} too. */
    private static final class TrustingProvider extends GenericAcmeProvider {

        private final SSLContext trust;

        TrustingProvider(SSLContext trust) {
            this.trust = trust;
        }

        @Override
        protected HttpConnector createHttpConnector(NetworkSettings settings) {
            return new HttpConnector(settings) {
                @Override
                public HttpClient.Builder createClientBuilder() {
                    return super.createClientBuilder().sslContext(trust);
                }
            };
        }
    }
}
