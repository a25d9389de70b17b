/**
 * What the tests of every module share, and nothing else: {@link
 * org.postroom.testing.NoErrorsLogged}, which fails a test when an error was logged while it ran,
 * and {@link org.postroom.testing.FuzzRun}, what every fuzz target does around its inputs.
 * A test-scope dependency of every module; it depends on no Postroom module.
 */
package org.postroom.testing;
