package org.postroom.server.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.postgresql.util.PasswordUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * Closes the embedded PostgreSQL to everyone without its password. zonky initialises a data
 * directory with {@code trust} for every local connection, which would let any process on the
 * machine read all mail or run {@code COPY ... TO PROGRAM} as the database's superuser.
 *
 * <p>Instead: a generated password for the superuser {@code postgres}, kept in {@value #FILE} in
 * the data directory (mode 0600, in libpq's password-file format, so that {@code
 * PGPASSFILE=.../postroom.pgpass pg_dump ...} works), and a {@code pg_hba.conf} that asks every
 * connection, TCP and Unix socket alike, for it ({@code scram-sha-256}). A data directory from an
 * older Postroom is switched over the same way at its next start, its data untouched.
 *
 * <p>The password is set before the server accepts any connection: in PostgreSQL's single-user
 * mode, on the stopped data directory, between zonky's {@code initdb} and its start. (Setting it
 * over a first {@code trust} connection would leave a moment in which any local process could
 * connect.) A password rather than a Unix socket only: the JDBC driver reaches a socket only
 * through a native library, and the README's backup commands keep working over 127.0.0.1.
 */
final class PasswordAccess {

    static final String FILE = "postroom.pgpass";
    static final String USER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(PasswordAccess.class);
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final int PASSWORD_LENGTH = 32;
    private static final long SINGLE_USER_TIMEOUT_SECONDS = 120;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    /** Every connection needs the password; written whole, so anything else found there is replaced. */
    static final String HBA = """
            # Written by Postroom at every start: every connection needs the password in postroom.pgpass.
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            local   all       all                 scram-sha-256
            host    all       all   127.0.0.1/32  scram-sha-256
            host    all       all   ::1/128       scram-sha-256
            """;

    private final String password;

    private PasswordAccess(String password) {
        this.password = password;
    }

    /** The password of the data directory {@code directory}: the kept one, or a new one when there is none yet. */
    static PasswordAccess of(Path directory) {
        return new PasswordAccess(read(directory).orElseGet(PasswordAccess::generate));
    }

    /** The password kept in {@code directory}, if it has one. */
    static Optional<String> read(Path directory) {
        Path file = directory.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            // hostname:port:database:username:password, our one line has no ':' or '\' to escape
            return Files.readAllLines(file, StandardCharsets.US_ASCII).stream().filter(line -> !line.isBlank())
                    .map(line -> line.split(":", 5)).filter(fields -> fields.length == 5 && fields[3].equals(USER))
                    .map(fields -> fields[4]).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedded database's password in " + file, e);
        }
    }

    String password() {
        return password;
    }

    /**
     * Makes sure the stopped data directory {@code directory} asks for the password: keeps it in
     * {@value #FILE} and, when {@code pg_hba.conf} is not Postroom's yet, sets it and rewrites
     * {@code pg_hba.conf}. Runs before the server starts.
     *
     * @param binaries where zonky unpacked the PostgreSQL binaries ({@code PG-<digest>/bin/postgres})
     */
    void secure(Path directory, Path binaries) {
        try {
            keepPassword(directory);
            Path hba = directory.resolve("pg_hba.conf");
            if (Files.exists(hba) && Files.readString(hba, StandardCharsets.US_ASCII).equals(HBA)) {
                return;
            }
            setPassword(directory, postgresBinary(directory, binaries));
            replace(hba, HBA, OWNER_ONLY);
            log.info("embedded PostgreSQL in {} now takes only connections with the password in {}", directory, FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot secure the embedded PostgreSQL in " + directory, e);
        }
    }

    /** Written first, so that a start cut short later finds and sets the same password again. */
    private void keepPassword(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        if (read(directory).filter(password::equals).isEmpty()) {
            replace(file, "*:*:*:" + USER + ":" + password + "\n", OWNER_ONLY);
        } else if (isPosix(file)) {
            // libpq ignores a password file that others may read; so should nobody else read it
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    /** ALTER ROLE in single-user mode: no server runs, nobody else can connect meanwhile. */
    private void setPassword(Path directory, Path postgres) throws IOException {
        // the SCRAM verifier, not the password, goes to the backend: it is all PostgreSQL stores
        String verifier = PasswordUtil.encodeScramSha256(password.toCharArray());
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // as root, zonky runs PostgreSQL in a user namespace (it refuses to run as root); so must we
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(postgres.toString(), "--single", "-D", directory.toString(),
                "-c", "exit_on_error=true", "postgres"));
        Process backend = new ProcessBuilder(command).redirectErrorStream(true).start();
        backend.getOutputStream().write(("ALTER ROLE " + USER + " PASSWORD '" + verifier + "'\n")
                .getBytes(StandardCharsets.US_ASCII));
        backend.getOutputStream().close();
        String output = new String(backend.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!backend.waitFor(SINGLE_USER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                backend.destroyForcibly();
                throw new IllegalStateException("setting the embedded database's password did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting the embedded database's password", e);
        }
        if (backend.exitValue() != 0 || output.contains("ERROR:") || output.contains("FATAL:")) {
            throw new IllegalStateException("setting the embedded database's password failed (exit "
                    + backend.exitValue() + "): " + output.strip());
        }
    }

    /**
     * The {@code postgres} binary among zonky's unpacked ones (one directory per binaries archive
     * ever used) that matches the data directory's major version, the newest first.
     */
    private static Path postgresBinary(Path directory, Path binaries) throws IOException {
        String major = Files.readString(directory.resolve("PG_VERSION"), StandardCharsets.US_ASCII).strip();
        List<Path> candidates;
        try (Stream<Path> unpacked = Files.list(binaries)) {
            candidates = unpacked.map(dir -> dir.resolve("bin").resolve("postgres")).filter(Files::isExecutable)
                    .sorted(Comparator.comparing(PasswordAccess::modified).reversed()).toList();
        }
        for (Path candidate : candidates) {
            if (versionOf(candidate).startsWith(major + ".")) {
                return candidate;
            }
        }
        throw new IllegalStateException("no PostgreSQL " + major + " binary under " + binaries + " for " + directory);
    }

    /** {@code postgres -V}: "postgres (PostgreSQL) 17.6" gives "17.6". */
    private static String versionOf(Path postgres) throws IOException {
        Process version = new ProcessBuilder(postgres.toString(), "-V").redirectErrorStream(true).start();
        String output = new String(version.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        try {
            version.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return output.substring(output.lastIndexOf(' ') + 1);
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file.getParent().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a whole file under a temporary name and moves it in place, so it is never seen half written. */
    private static void replace(Path file, String content, Set<PosixFilePermission> permissions) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        if (isPosix(file)) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(permissions));
        }
        Files.writeString(temporary, content, StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean isPosix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
