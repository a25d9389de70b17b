package org.postroom.admin.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A handler (or every handler of a controller) that domain administrators may call too. Before it
 * runs, {@link DomainAdministratorGate} checks every path variable against the administrator's
 * domains: {@code name} is a domain, {@code address} a user's or alias's address, {@code id} a held
 * message when {@link #heldMessageId()} says so; a path variable of any other name, or an {@code id}
 * not declared, is refused. A {@code domain} request parameter is checked too. What a request body
 * names, and what a list shows, the handler itself checks through {@link DomainAccess}. A handler
 * without this annotation (or {@link NoDomainData}) is for server administrators only.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface DomainScoped {

    /** True when the path variable {@code id} is a held message's id. */
    boolean heldMessageId() default false;
}
