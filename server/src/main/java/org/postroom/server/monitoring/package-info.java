/**
 * What operators watch: the health indicator that tells a load balancer or orchestrator whether
 * every mail listener is bound (part of {@code /actuator/health/readiness}), and the gauges of
 * {@code /actuator/prometheus} that are read from the server's state when scraped (open
 * connections per listener, outbound queue depth and age). The counters and timers of the mail
 * flow itself are kept by the protocol modules.
 */
package org.postroom.server.monitoring;
