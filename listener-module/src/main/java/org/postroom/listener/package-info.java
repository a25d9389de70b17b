/**
 * The Netty listener both mail protocols run on, written once: {@link
 * org.postroom.listener.ProtocolListener} serves any Apache James {@code Protocol} (SMTP, POP3) with
 * the protocol's handlers on a thread pool of their own, so that blocking database work in a hook
 * never stalls other connections; STARTTLS without the command-injection window, or implicit TLS;
 * connection limits and an idle timeout that answer with the protocol's own reply line; a bound on
 * the commands a client can queue; and a bind/unbind that leaves no threads behind and lets
 * in-flight work finish. The protocol modules configure it with {@link
 * org.postroom.listener.ListenerSettings}.
 */
package org.postroom.listener;
