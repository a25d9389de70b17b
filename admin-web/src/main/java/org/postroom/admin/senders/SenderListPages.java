package org.postroom.admin.senders;

import org.postroom.admin.access.DomainScoped;
import org.postroom.storage.senders.SenderAction;
import org.postroom.storage.senders.SenderList;
import org.postroom.storage.senders.SenderListChange;
import org.postroom.storage.senders.SenderLists;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The forms of the sender lists on the domain's and the user's page; each goes back to that page. */
@Controller
@DomainScoped
class SenderListPages {

    private final SenderLists lists;

    SenderListPages(SenderLists lists) {
        this.lists = lists;
    }

    @PostMapping("/domains/{name}/senders")
    String domainPut(@PathVariable String name, NewSenderRule form, RedirectAttributes redirect) {
        return put(SenderList.ofDomain(name), form, redirect);
    }

    @PostMapping("/domains/{name}/senders/delete")
    String domainRemove(@PathVariable String name, @RequestParam String entry, RedirectAttributes redirect) {
        return remove(SenderList.ofDomain(name), entry, redirect);
    }

    @PostMapping("/users/{address}/senders")
    String userPut(@PathVariable String address, NewSenderRule form, RedirectAttributes redirect) {
        return put(SenderList.ofUser(address), form, redirect);
    }

    @PostMapping("/users/{address}/senders/delete")
    String userRemove(@PathVariable String address, @RequestParam String entry, RedirectAttributes redirect) {
        return remove(SenderList.ofUser(address), entry, redirect);
    }

    private String put(SenderList list, NewSenderRule form, RedirectAttributes redirect) {
        SenderListChange change = form.putOn(lists, list);
        String entry = change.rule().entry();
        String does = change.rule().action() == SenderAction.BLOCK ? "blocked" : "allowed";
        redirect.addFlashAttribute("notice", change.created() ? "Mail from " + entry + " is " + does + " now."
                : "Mail from " + entry + " was on the list already and is " + does + " now.");
        return backTo(list);
    }

    private String remove(SenderList list, String entry, RedirectAttributes redirect) {
        lists.remove(list, entry);
        redirect.addFlashAttribute("notice", entry.strip() + " is off the list.");
        return backTo(list);
    }

    private static String backTo(SenderList list) {
        return "redirect:" + SenderListView.ownerPage(list) + "#senders";
    }
}
