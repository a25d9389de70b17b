package org.postroom.storage.senders;

import org.postroom.storage.senders.SenderList.Scope;

/** The entry that applies to a sender for a recipient: its action, its text, and whose list it is on. */
public record SenderMatch(SenderAction action, String entry, Scope scope) {

    public boolean blocks() {
        return action == SenderAction.BLOCK;
    }

    public boolean allows() {
        return action == SenderAction.ALLOW;
    }
}
