/**
 * Allow and block lists of senders, one per domain and one per user: the console, the REST API and
 * the CLI edit them ({@link org.postroom.storage.senders.SenderLists}), and port 25 asks them once
 * per recipient which entry, if any, applies to a sender ({@link
 * org.postroom.storage.senders.SenderLists#match}). An entry names a sender address, a sender
 * domain or the client's network ({@link org.postroom.storage.senders.SenderEntry}). Depends on
 * {@code directory} for names, addresses and networks.
 */
package org.postroom.storage.senders;
