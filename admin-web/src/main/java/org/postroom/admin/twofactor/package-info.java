/**
 * Two-factor sign-in on the web, managed by its owner: an administrator at {@code /two-factor}, a
 * mail user at {@code /account/two-factor}. Enrolment shows a QR code (and the secret as text) for
 * an authenticator app and takes effect once the app's current code is given; the ten recovery
 * codes are then shown once. New recovery codes and turning the second factor off each ask for a
 * current code first (through the login pipeline). Someone whom a rule requires to have a second
 * factor ({@code postroom.admin.two-factor-required}, a domain's login policy) cannot turn it off,
 * and at sign-in is sent here to enrol before anything else ({@link
 * org.postroom.admin.security.PendingSignIn}). The sign-in's code step itself is in
 * {@code org.postroom.admin.security}.
 */
package org.postroom.admin.twofactor;
