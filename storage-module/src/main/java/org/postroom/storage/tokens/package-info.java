/**
 * The administrators' API tokens (issue 17; table {@code api_token}, V24): named, read-only or
 * writing, optionally narrowed to one domain, expiring, revocable, their last use noted; shown once,
 * kept as a SHA-256 digest. {@link org.postroom.storage.tokens.ApiTokens} creates, lists, revokes
 * and authenticates them; the web side turns a valid one into its owner's login, narrowed. Depends
 * on {@code directory} (domain names).
 */
package org.postroom.storage.tokens;
