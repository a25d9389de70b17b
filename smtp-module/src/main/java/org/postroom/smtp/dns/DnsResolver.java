package org.postroom.smtp.dns;

import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.LookupResult;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;
import org.xbill.DNS.lookup.ServerFailedException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * DNS lookups through the resolver given here, never one picked up elsewhere (dnsjava's default,
 * the hosts file), with one cache for every lookup of the process that keeps answers, negative
 * ones too (RFC 2308), for their TTLs, and failures for {@link #FAILURE_TTL}. Thread-safe; {@link #lookup} blocks the calling thread (a
 * hook thread or a delivery worker, never a Netty I/O thread) for at most about twice the timeout,
 * {@link #lookupAsync} blocks none.
 */
public final class DnsResolver {

    /**
     * How long a failed lookup is answered as failed without asking again (RFC 2308 §7 allows up to
     * five minutes): with the resolver down, each message would otherwise wait out every lookup's
     * timeout, and its senders retry after their own queue delay anyway.
     */
    static final Duration FAILURE_TTL = Duration.ofSeconds(30);

    private final LookupSession session;
    private final Duration wait;
    private final Cache<String, DnsAnswer> failures = Caffeine.newBuilder()
            .expireAfterWrite(FAILURE_TTL).maximumSize(10_000).build();

    /** Lookups through {@code resolver}, whose own timeout bounds each try; {@code timeout} bounds the whole lookup with its retries. */
    public DnsResolver(Resolver resolver, Duration timeout) {
        this.session = LookupSession.builder().resolver(resolver).cache(new org.xbill.DNS.Cache(DClass.IN)).clearSearchPath()
                .build();
        this.wait = timeout.multipliedBy(2).plusSeconds(1);
    }

    /** Lookups through {@code servers}, or through the system's resolvers when the list is empty. */
    public static DnsResolver using(List<InetSocketAddress> servers, Duration timeout) {
        ExtendedResolver resolver = servers.isEmpty() ? new ExtendedResolver()
                : new ExtendedResolver(servers.stream().map(s -> (Resolver) new SimpleResolver(s)).toList());
        resolver.setTimeout(timeout);
        return new DnsResolver(resolver, timeout);
    }

    /**
     * The records of {@code type} ({@link Type}) at {@code name}, an absolute name with or without
     * its final dot. Blocks for at most about twice the timeout.
     */
    public DnsAnswer lookup(String name, int type) {
        try {
            return lookupAsync(name, type).toCompletableFuture().get();
        } catch (ExecutionException e) {
            // lookupAsync turns every failure into an answer; this is for the compiler
            return failure(e.getCause(), name, type);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(name, type, "interrupted");
        }
    }

    /**
     * {@link #lookup} without blocking: the stage completes with the same answer, never
     * exceptionally, at the latest about twice the timeout later. Stages chained on it may run on
     * dnsjava's I/O thread, so they must not block either.
     */
    public CompletionStage<DnsAnswer> lookupAsync(String name, int type) {
        Name absolute;
        try {
            absolute = Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            // a name that cannot be written in DNS cannot exist there
            return CompletableFuture.completedFuture(new DnsAnswer.None(true));
        }
        String question = absolute.toString().toLowerCase(Locale.ROOT) + " " + type;
        DnsAnswer failedBefore = failures.getIfPresent(question);
        if (failedBefore != null) {
            return CompletableFuture.completedFuture(failedBefore);
        }
        return session.lookupAsync(absolute, type)
                .handle((result, failure) -> failure == null ? answer(result) : failure(cause(failure), name, type))
                .toCompletableFuture()
                .completeOnTimeout(failed(name, type, "timed out"), wait.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((answer, never) -> {
                    if (answer instanceof DnsAnswer.Failed) {
                        failures.put(question, answer);
                    }
                });
    }

    private static DnsAnswer answer(LookupResult result) {
        // a NODATA answer comes back empty the first time, and as NoSuchRRSetException from the cache
        return result.getRecords().isEmpty() ? new DnsAnswer.None(false) : new DnsAnswer.Found(result.getRecords());
    }

    /** The failure itself, out of the CompletionException a dependent stage wraps it in. */
    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static DnsAnswer failure(Throwable cause, String name, int type) {
        if (cause instanceof NoSuchDomainException) {
            return new DnsAnswer.None(true);
        }
        if (cause instanceof NoSuchRRSetException) {
            return new DnsAnswer.None(false);
        }
        if (cause instanceof ServerFailedException) {
            return failed(name, type, "SERVFAIL");
        }
        if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException) {
            return failed(name, type, "timed out");
        }
        return failed(name, type, cause.toString());
    }

    private static DnsAnswer failed(String name, int type, String why) {
        return new DnsAnswer.Failed("DNS lookup of " + Type.string(type) + " for " + name + " failed: " + why);
    }
}
