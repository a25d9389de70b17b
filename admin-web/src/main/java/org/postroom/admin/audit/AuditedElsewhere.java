package org.postroom.admin.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A handler that changes nothing an administrator manages and writes its own audit entry: a
 * sign-in step (the second factor's code), which {@link AuditTrail} records as a login or a failed
 * login. {@link ChangeAudit} leaves it out.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AuditedElsewhere {
}
