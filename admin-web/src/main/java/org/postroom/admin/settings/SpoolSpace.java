package org.postroom.admin.settings;

/**
 * How much room the disk of the SMTP spool has, where every incoming message is written before it
 * is stored. Below {@code minFreeBytes} SMTP refuses new mail with 452 4.3.1 (senders keep it and
 * retry) until space is freed.
 *
 * @param directory the spool directory, for the administrator who frees space
 * @param freeBytes the bytes free on its file system now
 * @param minFreeBytes {@code postroom.spool.min-free-space}; 0 when no minimum is kept
 * @param full whether SMTP refuses new mail for want of space now
 */
public record SpoolSpace(String directory, long freeBytes, long minFreeBytes, boolean full) {

    public static SpoolSpace of(String directory, long freeBytes, long minFreeBytes) {
        return new SpoolSpace(directory, freeBytes, minFreeBytes, freeBytes < minFreeBytes);
    }
}
