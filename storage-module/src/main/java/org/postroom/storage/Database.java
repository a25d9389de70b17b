package org.postroom.storage;

import java.util.function.Function;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;

/**
 * The storage module's access to PostgreSQL: a {@link JdbcClient}, a transaction boundary, and the
 * one place where database failures become {@link StorageUnavailableException} (a {@link
 * StorageFullException} when PostgreSQL lacks the resources, its disk full among them).
 *
 * <p>Integrity violations (duplicates, foreign keys) pass through unchanged, because the calling
 * repository knows what they mean.
 */
public final class Database {

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final PlatformTransactionManager transactions;

    public Database(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new DataSourceTransactionManager(dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Runs {@code work} in one transaction: all of it commits, or none of it. */
    public <T> T inTransaction(String context, Function<JdbcClient, T> work) {
        return translate(context, () -> {
            TransactionStatus status = transactions.getTransaction(TransactionDefinition.withDefaults());
            T result;
            try {
                result = work.apply(jdbc);
            } catch (RuntimeException | Error e) {
                rollback(status, e);
                throw e;
            }
            transactions.commit(status);
            return result;
        });
    }

    /**
     * A rollback that fails too (the connection went with the database) is added to the failure
     * that caused it rather than replacing it, and is not logged: the caller reports that failure.
     */
    private void rollback(TransactionStatus status, Throwable cause) {
        try {
            transactions.rollback(status);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** Runs a single statement (or a read) in auto-commit mode. */
    public <T> T run(String context, Function<JdbcClient, T> work) {
        return translate(context, () -> work.apply(jdbc));
    }

    private static <T> T translate(String context, Supplier<T> call) {
        try {
            return call.get();
        } catch (DataIntegrityViolationException e) {
            throw e;
        } catch (DataAccessException | TransactionException e) {
            throw StorageUnavailableException.of(context, e);
        }
    }
}
