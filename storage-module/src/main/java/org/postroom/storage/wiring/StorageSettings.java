package org.postroom.storage.wiring;

import java.util.Objects;

import org.postroom.storage.directory.LoginLimits;

/**
 * What the storage services take from the configuration.
 *
 * @param loginLimits the failed-login throttle of every protocol
 * @param dkimSelector the selector new domains' DKIM keys are published under
 */
public record StorageSettings(LoginLimits loginLimits, String dkimSelector) {

    public StorageSettings {
        Objects.requireNonNull(loginLimits, "loginLimits");
        Objects.requireNonNull(dkimSelector, "dkimSelector");
    }
}
