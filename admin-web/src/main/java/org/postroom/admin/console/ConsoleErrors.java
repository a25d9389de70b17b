package org.postroom.admin.console;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.postroom.admin.access.OutsideYourDomains;
import org.postroom.admin.access.ServerAdministratorsOnly;
import org.postroom.storage.ConflictException;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.Printable;
import org.postroom.storage.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What a page shows when storage refuses: a rejected form (bad input, a duplicate, something gone
 * meanwhile) sends the administrator back to the page the form was on, with the reason as a flash
 * message and the typed values (never passwords) to fill the form again; a bad link leads to the
 * section's first page with the reason; a missing page is a 404 page; a database that cannot be
 * reached is a 503 page. Controllers stay free of try/catch.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class ConsoleErrors {

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);
    private static final Set<String> NOT_REFILLED = Set.of("_csrf", "password", "newPassword", "repeatPassword",
            "currentPassword");

    @ExceptionHandler({ InvalidInputException.class, ConflictException.class })
    String refused(RuntimeException refusal, HttpServletRequest request) {
        FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
        flash.put("error", Formats.sentence(refusal.getMessage()));
        if (HttpMethod.GET.matches(request.getMethod())) {
            // a bad link (page=-1): the section's first page, never the referring page, which may be this one
            return "redirect:" + section(request.getRequestURI());
        }
        flash.put("submitted", submittedValues(request));
        return "redirect:" + back(request);
    }

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(NotFoundException missing, HttpServletRequest request) {
        if (HttpMethod.GET.matches(request.getMethod())) {
            return new ModelAndView("error", Map.of("status", 404, "message", Formats.sentence(missing.getMessage())),
                    HttpStatus.NOT_FOUND);
        }
        RequestContextUtils.getOutputFlashMap(request).put("error", Formats.sentence(missing.getMessage()));
        return new ModelAndView("redirect:" + section(request.getRequestURI()));
    }

    /**
     * A domain administrator's request for another domain's data: a 404 page, for a form too, the
     * same whether the thing exists or not.
     */
    @ExceptionHandler(OutsideYourDomains.class)
    ModelAndView outside(OutsideYourDomains outside) {
        return new ModelAndView("error", Map.of("status", 404, "message", Formats.sentence(outside.getMessage())),
                HttpStatus.NOT_FOUND);
    }

    @ExceptionHandler(ServerAdministratorsOnly.class)
    ModelAndView serverAdministratorsOnly() {
        return new ModelAndView("error", Map.of("status", 403), HttpStatus.FORBIDDEN);
    }

    @ExceptionHandler(StorageUnavailableException.class)
    ModelAndView unavailable(StorageUnavailableException failure) {
        log.warn("console page failed: {}", Printable.text(failure.getMessage()));
        return new ModelAndView("error", Map.of("status", 503), HttpStatus.SERVICE_UNAVAILABLE);
    }

    /** The page the form was on: the referring page of this server, or the section's first page. */
    private static String back(HttpServletRequest request) {
        String referer = request.getHeader("Referer");
        if (referer != null) {
            try {
                URI from = URI.create(referer);
                if (request.getServerName().equalsIgnoreCase(from.getHost()) && from.getRawPath() != null) {
                    return from.getRawPath() + (from.getRawQuery() == null ? "" : "?" + from.getRawQuery());
                }
            } catch (IllegalArgumentException notAUri) {
                // fall back to the section below
            }
        }
        return section(request.getRequestURI());
    }

    /** {@code /users/alice@example.com/quota} belongs to {@code /users}. */
    private static String section(String path) {
        int second = path.indexOf('/', 1);
        return second < 0 ? path : path.substring(0, second);
    }

    private static Map<String, String> submittedValues(HttpServletRequest request) {
        Map<String, String> values = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, given) -> {
            if (!NOT_REFILLED.contains(name) && given.length > 0) {
                values.put(name, given[0]);
            }
        });
        return values;
    }
}
