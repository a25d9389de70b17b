package org.postroom.admin.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A handler (or every handler of a controller) that reads or changes no domain's data: the
 * signed-in person's own password and second factor, the sign-in steps, a mail user's own account
 * pages, documents open to anyone. Every administrator may call it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface NoDomainData {
}
