package org.postroom.server.config;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** A listener's TCP port, or 0 for a free one chosen at start-up (tests). */
@Documented
@Retention(RUNTIME)
@Target({ FIELD, PARAMETER })
@Constraint(validatedBy = {})
@ReportAsSingleViolation
@Min(0)
@Max(65535)
public @interface Port {

    String message() default "must be a TCP port (0 to 65535)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
