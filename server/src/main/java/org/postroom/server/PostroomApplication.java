package org.postroom.server;

import org.postroom.server.cli.PostroomCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts Postroom: the mail listeners, outbound delivery and the web console, on the configured
 * PostgreSQL or on an embedded one under {@code postroom.data-dir}; or, given a command
 * ({@code domain add ...}), runs that command and exits.
 */
@SpringBootApplication(scanBasePackages = "org.postroom")
@ConfigurationPropertiesScan("org.postroom")
public class PostroomApplication {

    public static void main(String[] args) {
        if (PostroomCli.isCommand(args)) {
            System.exit(new PostroomCli(System.in, System.out, System.err).run(args));
        }
        SpringApplication.run(PostroomApplication.class, args);
    }
}
