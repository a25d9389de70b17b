package org.postroom.admin.queue;

import org.postroom.storage.queue.DeliveryQueue;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Queue", description = "The outbound queue")
@RequestMapping("/api/v1/queue")
class QueueApi {

    private final QueueView view;
    private final DeliveryQueue queue;

    QueueApi(QueueView view, DeliveryQueue queue) {
        this.view = view;
        this.queue = queue;
    }

    @Operation(summary = "Waiting deliveries by next attempt time, a page at a time")
    @GetMapping
    QueueListing list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return view.page(page, size);
    }

    @Operation(summary = "One waiting delivery with its attempts", description = "404 once it left the queue.")
    @GetMapping("/{id}")
    QueueDetail get(@PathVariable long id) {
        return view.detail(id);
    }

    @Operation(summary = "Try this delivery now instead of at its next attempt time")
    @PostMapping("/{id}/retry")
    ResponseEntity<Void> retry(@PathVariable long id) {
        queue.retryNow(id);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Drop this delivery", description = "No bounce is sent to the sender.")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        queue.delete(id);
        return ResponseEntity.noContent().build();
    }
}
