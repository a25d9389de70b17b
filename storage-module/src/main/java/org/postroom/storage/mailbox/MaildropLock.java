package org.postroom.storage.mailbox;

/**
 * A POP3 session's exclusive hold on one mailbox. Close it when the session ends, however it ends
 * (QUIT, dropped connection, timeout); closing twice is harmless.
 */
public final class MaildropLock implements AutoCloseable {

    private final MaildropLocks locks;
    private final long mailboxId;

    MaildropLock(MaildropLocks locks, long mailboxId) {
        this.locks = locks;
        this.mailboxId = mailboxId;
    }

    public long mailboxId() {
        return mailboxId;
    }

    /** False when the lock was lost with its database connection: do not commit deletions then. */
    public boolean isHeld() {
        return locks.isHeld(this);
    }

    @Override
    public void close() {
        locks.release(this);
    }
}
