/**
 * The SMTP policies, one rule per class, as James hooks and DATA line filters: who may receive
 * ({@link org.postroom.smtp.inbound.hook.LocalRecipientHook}), who may relay ({@link
 * org.postroom.smtp.inbound.hook.RelayControlHook}), how many recipients ({@link
 * org.postroom.smtp.inbound.hook.MaxRecipientsHook}), who may log in ({@link
 * org.postroom.smtp.inbound.hook.PasswordAuthHook}), which sender a user may use ({@link
 * org.postroom.smtp.inbound.hook.SenderOwnershipHook}, by the rule of {@link
 * org.postroom.smtp.inbound.hook.AddressOwnership}), how big a message may be ({@link
 * org.postroom.smtp.inbound.hook.MessageSizeHook}) and which bytes a message may contain ({@link
 * org.postroom.smtp.inbound.hook.StrictDataFilter}).
 *
 * <p>A refusal is a returned verdict carrying a named {@link org.postroom.smtp.reply.Reply}, never an
 * exception; a database failure becomes a temporary failure in {@link
 * org.postroom.smtp.inbound.hook.StorageBackedHook}. Which listener runs which policy is decided in
 * {@link org.postroom.smtp.inbound.InboundChains}.
 */
package org.postroom.smtp.inbound.hook;
