package org.postroom.admin.access;

/**
 * A domain administrator asked for something only server administrators may do (domains added or
 * deleted, the queue, the settings, the dashboard's figures, the administrators): answered 403.
 */
public final class ServerAdministratorsOnly extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ServerAdministratorsOnly() {
        super("only a server administrator may do this");
    }
}
