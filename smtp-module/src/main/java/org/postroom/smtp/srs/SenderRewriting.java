package org.postroom.smtp.srs;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Sender Rewriting Scheme (Shevek's, as libsrs2 and Mail::SRS implement it): the envelope
 * sender of forwarded mail is rewritten into an address at the forwarding domain, so that the
 * receiver's SPF check (RFC 7208) asks about the forwarder, not the original sender's domain, and
 * a bounce comes back to the forwarder, who alone can turn the address back into the original.
 *
 * <pre>
 * alice@remote.example                       -&gt; SRS0=HHHHHH=TT=remote.example=alice@forwarder.example
 * SRS0=hhhh=tt=remote.example=alice@fwd1.example
 *                                            -&gt; SRS1=HHHHHH=fwd1.example==hhhh=tt=remote.example=alice@forwarder.example
 * </pre>
 *
 * {@code TT} is the day of rewriting, two base32 characters (days since the epoch modulo 1024);
 * {@code HHHHHH} the first {@link #HASH_LENGTH} base64 characters of an HMAC-SHA1, under a secret
 * only the forwarder knows, of the other fields, lower-cased. Reversing checks both: a hash that
 * does not match (compared without regard to case, since relays may change the case of an address)
 * is a forgery, an address older than {@link #MAX_AGE} has expired. An SRS1 address names the first
 * forwarder, whose SRS0 address only that forwarder can check; this one checks its own hash and
 * hands the bounce back to it.
 *
 * <p>Six hash characters rather than libsrs2's four: read without case they still leave about 2^31
 * guesses per address, where four leave a forger about 2^21. No other server ever checks the hash.
 */
public final class SenderRewriting {

    /** How long a rewritten address takes bounces: libsrs2's default. */
    public static final Duration MAX_AGE = Duration.ofDays(21);

    static final int HASH_LENGTH = 6;

    private static final String TIME_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int TIME_SLOTS = TIME_CHARACTERS.length() * TIME_CHARACTERS.length();
    private static final String SEPARATORS = "=+-";
    private static final String HMAC = "HmacSHA1";

    private final SecretKeySpec secret;
    private final Clock clock;

    /** Rewrites and checks with {@code secret}, which every Postroom process of one installation shares. */
    public SenderRewriting(byte[] secret, Clock clock) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("an SRS secret needs at least 16 bytes, not " + secret.length);
        }
        this.secret = new SecretKeySpec(secret.clone(), HMAC);
        this.clock = clock;
    }

    /**
     * The address at {@code forwardingDomain} that stands for {@code sender} on mail forwarded now:
     * SRS0 of an ordinary address, SRS1 of one another forwarder rewrote already.
     *
     * @param sender a non-null envelope sender (the null sender stays null and is not rewritten)
     */
    public String forward(String sender, String forwardingDomain) {
        int at = sender.lastIndexOf('@');
        if (at <= 0 || at == sender.length() - 1) {
            throw new IllegalArgumentException("only an address with a local part and a domain is rewritten: " + sender);
        }
        String local = sender.substring(0, at);
        String domain = sender.substring(at + 1);
        if (tagged(local, "SRS0")) {
            // another forwarder's SRS0: keep it whole after the tag, behind that forwarder's name
            String guarded = local.substring(4);
            return "SRS1=" + hash(domain, guarded) + "=" + domain + "=" + guarded + "@" + forwardingDomain;
        }
        if (tagged(local, "SRS1")) {
            // already SRS1: keep the first forwarder and its SRS0 part, sign them anew
            String[] fields = local.substring(5).split("=", 3);
            if (fields.length == 3 && !fields[1].isEmpty()) {
                return "SRS1=" + hash(fields[1], fields[2]) + "=" + fields[1] + "=" + fields[2] + "@" + forwardingDomain;
            }
        }
        String stamp = timestamp(today());
        return "SRS0=" + hash(stamp, domain, local) + "=" + stamp + "=" + domain + "=" + local + "@" + forwardingDomain;
    }

    /** What a bounce to {@code address} should become: its original address, or why not. */
    public Reversal reverse(String address) {
        int at = address.lastIndexOf('@');
        String local = at < 0 ? address : address.substring(0, at);
        if (tagged(local, "SRS0")) {
            String[] fields = local.substring(5).split("=", 4);
            if (fields.length != 4 || fields[1].length() != 2 || fields[2].isEmpty() || fields[3].isEmpty()) {
                return new Reversal.Refused(Reversal.Reason.MALFORMED);
            }
            if (!matches(fields[0], hash(fields[1], fields[2], fields[3]))) {
                return new Reversal.Refused(Reversal.Reason.FORGED);
            }
            int stamp = decodeTimestamp(fields[1]);
            if (stamp < 0) {
                return new Reversal.Refused(Reversal.Reason.MALFORMED);
            }
            if (Math.floorMod(today() - stamp, TIME_SLOTS) > MAX_AGE.toDays()) {
                return new Reversal.Refused(Reversal.Reason.EXPIRED);
            }
            return new Reversal.Original(fields[3] + "@" + fields[2]);
        }
        if (tagged(local, "SRS1")) {
            String[] fields = local.substring(5).split("=", 3);
            if (fields.length != 3 || fields[1].isEmpty() || fields[2].isEmpty()) {
                return new Reversal.Refused(Reversal.Reason.MALFORMED);
            }
            if (!matches(fields[0], hash(fields[1], fields[2]))) {
                return new Reversal.Refused(Reversal.Reason.FORGED);
            }
            return new Reversal.Original("SRS0" + fields[2] + "@" + fields[1]);
        }
        return new Reversal.NotRewritten();
    }

    /** True when {@code local} starts with {@code tag} (any case) and one of the separators. */
    private static boolean tagged(String local, String tag) {
        return local.length() > 5 && local.regionMatches(true, 0, tag, 0, 4) && SEPARATORS.indexOf(local.charAt(4)) >= 0;
    }

    private String hash(String... fields) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(secret);
            for (String field : fields) {
                mac.update(field.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            }
            return Base64.getEncoder().encodeToString(mac.doFinal()).substring(0, HASH_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is part of every Java runtime", e);
        }
    }

    /** Compares without regard to case, in constant time. */
    private static boolean matches(String given, String expected) {
        return MessageDigest.isEqual(given.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                expected.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private int today() {
        return (int) Math.floorMod(clock.instant().getEpochSecond() / Duration.ofDays(1).toSeconds(), TIME_SLOTS);
    }

    private static String timestamp(int day) {
        return "" + TIME_CHARACTERS.charAt(day / TIME_CHARACTERS.length())
                + TIME_CHARACTERS.charAt(day % TIME_CHARACTERS.length());
    }

    /** The day a timestamp names, modulo 1024; -1 when it is not two base32 characters. */
    private static int decodeTimestamp(String stamp) {
        int high = TIME_CHARACTERS.indexOf(Character.toUpperCase(stamp.charAt(0)));
        int low = TIME_CHARACTERS.indexOf(Character.toUpperCase(stamp.charAt(1)));
        return high < 0 || low < 0 ? -1 : high * TIME_CHARACTERS.length() + low;
    }
}
