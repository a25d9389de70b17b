package org.postroom.testing;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A test (method or class) that provokes errors on purpose: what {@code loggers} (and the loggers
 * below them) log at ERROR, or warn if they are Netty's, does not fail it. Say {@code because}, so
 * that a reader can judge whether the error should rather be fixed.
 */
@Documented
@Retention(RUNTIME)
@Target({ TYPE, METHOD })
public @interface ExpectedErrors {

    /** Logger names, e.g. {@code org.postroom.smtp.outbound.DeliveryWorkers}. */
    String[] loggers();

    /** Why an operator would want this line at ERROR too. */
    String because();
}
