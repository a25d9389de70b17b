package org.postroom.admin.senders;

import java.net.URI;
import java.util.List;

import org.postroom.admin.access.DomainScoped;
import org.postroom.storage.senders.SenderList;
import org.postroom.storage.senders.SenderListChange;
import org.postroom.storage.senders.SenderLists;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Sender lists", description = "Allow and block lists of senders, per domain and per user. Port 25 "
        + "refuses a blocked sender with 550 5.7.1 at RCPT; an allowed one is spared the DNS blocklists and the DMARC "
        + "quarantine. The user's list is read before the domain's.")
@RequestMapping("/api/v1")
@DomainScoped
class SenderListApi {

    private final SenderLists lists;

    SenderListApi(SenderLists lists) {
        this.lists = lists;
    }

    @Operation(summary = "A domain's sender list")
    @GetMapping("/domains/{name}/senders")
    List<SenderRuleView> domainList(@PathVariable String name) {
        return SenderRuleView.entriesOf(lists, SenderList.ofDomain(name));
    }

    @Operation(summary = "Put an entry on a domain's sender list", description = "entry: an address, @domain, an IP "
            + "address or a CIDR network; action: allow or block. 201 for a new entry, 200 when the entry was there "
            + "and now has this action; 400 for an entry that is none of these.")
    @PostMapping("/domains/{name}/senders")
    ResponseEntity<SenderRuleView> domainPut(@PathVariable String name, @RequestBody NewSenderRule body) {
        return put(SenderList.ofDomain(name), body);
    }

    @Operation(summary = "Take an entry off a domain's sender list", description = "404 when it is not on the list.")
    @DeleteMapping("/domains/{name}/senders")
    ResponseEntity<Void> domainRemove(@PathVariable String name, @RequestParam String entry) {
        return remove(SenderList.ofDomain(name), entry);
    }

    @Operation(summary = "A user's sender list")
    @GetMapping("/users/{address}/senders")
    List<SenderRuleView> userList(@PathVariable String address) {
        return SenderRuleView.entriesOf(lists, SenderList.ofUser(address));
    }

    @Operation(summary = "Put an entry on a user's sender list", description = "As for a domain's list.")
    @PostMapping("/users/{address}/senders")
    ResponseEntity<SenderRuleView> userPut(@PathVariable String address, @RequestBody NewSenderRule body) {
        return put(SenderList.ofUser(address), body);
    }

    @Operation(summary = "Take an entry off a user's sender list", description = "404 when it is not on the list.")
    @DeleteMapping("/users/{address}/senders")
    ResponseEntity<Void> userRemove(@PathVariable String address, @RequestParam String entry) {
        return remove(SenderList.ofUser(address), entry);
    }

    private ResponseEntity<SenderRuleView> put(SenderList list, NewSenderRule body) {
        SenderListChange change = body.putOn(lists, list);
        SenderRuleView view = SenderRuleView.of(change.rule());
        if (!change.created()) {
            return ResponseEntity.ok(view);
        }
        URI location = UriComponentsBuilder.fromPath("/api/v1/{owners}/{owner}/senders").queryParam("entry", "{entry}")
                .buildAndExpand(SenderListView.owners(list), list.owner(), view.entry()).encode()
                .toUri();
        return ResponseEntity.status(HttpStatus.CREATED).location(location).body(view);
    }

    private ResponseEntity<Void> remove(SenderList list, String entry) {
        lists.remove(list, entry);
        return ResponseEntity.noContent().build();
    }
}
