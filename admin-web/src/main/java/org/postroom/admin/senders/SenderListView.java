package org.postroom.admin.senders;

import java.util.List;

import org.postroom.admin.console.Links;
import org.postroom.storage.senders.SenderList;
import org.postroom.storage.senders.SenderList.Scope;
import org.postroom.storage.senders.SenderLists;

/**
 * A sender list as the console's domain and user pages show it: its entries, and {@code path},
 * where its forms post ({@code /domains/example.com/senders}).
 */
public record SenderListView(String path, boolean ofDomain, List<SenderRuleView> entries) {

    public static SenderListView of(SenderLists lists, SenderList list) {
        return new SenderListView(ownerPage(list) + "/senders", list.scope() == Scope.DOMAIN,
                SenderRuleView.entriesOf(lists, list));
    }

    /** The path segment of the kind of owner, in the console and the API alike: {@code domains}, {@code users}. */
    static String owners(SenderList list) {
        return list.scope() == Scope.DOMAIN ? "domains" : "users";
    }

    /** The console page of the list's owner, where the list is shown: {@code /domains/example.com}. */
    static String ownerPage(SenderList list) {
        return Links.path(owners(list), list.owner());
    }
}
