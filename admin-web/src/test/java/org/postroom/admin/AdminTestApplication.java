package org.postroom.admin;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * admin-web on its own, as the server wires it. Its services over a fresh PostgreSQL database per
 * application context come from {@link AdminTestServices}, which the full-stack tests find by
 * component scan and the {@code @WebMvcTest} slices leave out: a slice starts no database.
 */
@SpringBootApplication
public class AdminTestApplication {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "console password 1";
    public static final String HOSTNAME = FixedServerSettings.HOSTNAME;
}
