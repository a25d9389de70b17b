/**
 * Test clients for what no client library sends, shared with the protocol modules through this
 * module's test jar: {@link org.postroom.listener.testing.RawClient} (any bytes out, lines in with a
 * deadline), {@link org.postroom.listener.testing.RandomInput}, {@link
 * org.postroom.listener.testing.RandomSession} (the shape of a random client's session, which each
 * protocol fills in) and {@link org.postroom.listener.testing.RandomSessions} (seeded random sessions
 * from several clients at once) and {@link org.postroom.listener.testing.InputLines} (a fuzzer's
 * bytes as the lines a client sends). What they may not log is checked with test-support's {@code
 * NoErrorsLogged} and {@code LogCapture}.
 */
package org.postroom.listener.testing;
