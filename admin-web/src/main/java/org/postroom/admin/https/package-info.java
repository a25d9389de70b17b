/**
 * The web side of TLS: the console's HTTPS port with the mail listeners' certificate ({@link
 * org.postroom.admin.https.HttpsPort}), plain HTTP sent there and HSTS where it holds ({@link
 * org.postroom.admin.https.TransportSecurity}), and the answers to an ACME CA's HTTP-01
 * challenges ({@link org.postroom.admin.https.AcmeChallengeAnswers}).
 */
package org.postroom.admin.https;
