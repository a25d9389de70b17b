package org.postroom.admin.senders;

import org.postroom.admin.console.Links;
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
class SenderListPages {

    private final SenderLists lists;

    SenderListPages(SenderLists lists) {
        this.lists = lists;
    }

    @PostMapping("/domains/{name}/senders")
    String domainPut(@PathVariable String name, NewSenderRule form, RedirectAttributes redirect) {
        return put(SenderList.ofDomain(name), form, redirect, Links.path("domains", name));
    }

    @PostMapping("/domains/{name}/senders/delete")
    String domainRemove(@PathVariable String name, @RequestParam String entry, RedirectAttributes redirect) {
        return remove(SenderList.ofDomain(name), entry, redirect, Links.path("domains", name));
    }

    @PostMapping("/users/{address}/senders")
    String userPut(@PathVariable String address, NewSenderRule form, RedirectAttributes redirect) {
        return put(SenderList.ofUser(address), form, redirect, Links.path("users", address));
    }

    @PostMapping("/users/{address}/senders/delete")
    String userRemove(@PathVariable String address, @RequestParam String entry, RedirectAttributes redirect) {
        return remove(SenderList.ofUser(address), entry, redirect, Links.path("users", address));
    }

    private String put(SenderList list, NewSenderRule form, RedirectAttributes redirect, String page) {
        SenderListChange change = lists.put(list, form.entry(), SenderAction.of(form.action()));
        String entry = change.rule().entry();
        String does = change.rule().action() == SenderAction.BLOCK ? "blocked" : "allowed";
        redirect.addFlashAttribute("notice", change.created() ? "Mail from " + entry + " is " + does + " now."
                : "Mail from " + entry + " was on the list already and is " + does + " now.");
        return "redirect:" + page + "#senders";
    }

    private String remove(SenderList list, String entry, RedirectAttributes redirect, String page) {
        lists.remove(list, entry);
        redirect.addFlashAttribute("notice", entry.strip() + " is off the list.");
        return "redirect:" + page + "#senders";
    }
}
