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
        return new SenderListView(path(list), list.scope() == Scope.DOMAIN,
                lists.list(list).stream().map(SenderRuleView::of).toList());
    }

    static String path(SenderList list) {
        return Links.path(list.scope() == Scope.DOMAIN ? "domains" : "users", list.owner(), "senders");
    }
}
