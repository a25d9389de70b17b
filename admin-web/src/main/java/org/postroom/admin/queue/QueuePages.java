package org.postroom.admin.queue;

import org.postroom.admin.console.Confirmation;
import org.postroom.storage.queue.DeliveryQueue;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@RequestMapping("/queue")
class QueuePages {

    private static final int PAGE_SIZE = 50;

    private final QueueView view;
    private final DeliveryQueue queue;

    QueuePages(QueueView view, DeliveryQueue queue) {
        this.view = view;
        this.queue = queue;
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("queue", view.page(page, PAGE_SIZE));
        return "queue/list";
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, Model model) {
        model.addAttribute("detail", view.detail(id));
        return "queue/show";
    }

    @PostMapping("/{id}/retry")
    String retry(@PathVariable long id, RedirectAttributes redirect) {
        queue.retryNow(id);
        redirect.addFlashAttribute("notice", "Delivery " + id + " will be tried again right away.");
        redirect.addAttribute("id", id);
        return "redirect:/queue/{id}";
    }

    @GetMapping("/{id}/delete")
    String confirmDelete(@PathVariable long id, Model model) {
        QueueEntryView entry = view.detail(id).entry();
        model.addAttribute("nav", "queue");
        model.addAttribute("confirm", Confirmation.of("Delete delivery " + id,
                "Delete the delivery to " + entry.recipient() + "?",
                "The message will not be delivered to this recipient, and the sender gets no bounce.",
                "/queue/" + id + "/delete", "/queue/" + id, "Delete delivery"));
        return Confirmation.VIEW;
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        queue.delete(id);
        redirect.addFlashAttribute("notice", "Delivery " + id + " was deleted; it will not be sent.");
        return "redirect:/queue";
    }
}
