package org.postroom.admin.security;

import org.postroom.admin.access.NoDomainData;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The administrators' login form; Spring Security takes the POST. */
@Controller
@NoDomainData
class LoginPage {

    @GetMapping("/login")
    String login() {
        return "security/login";
    }
}
