package org.postroom.admin.https;

import org.postroom.admin.access.NoDomainData;
import org.postroom.storage.acme.AcmeChallenges;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * RFC 8555 §8.3: the CA fetches {@code http://<name>/.well-known/acme-challenge/<token>} and
 * expects the key authorization as the body. Answered from the database, so whichever process
 * behind a load balancer the CA reaches knows it; over plain HTTP (the CA asks there first and
 * follows no redirect to a certificate it is about to issue).
 */
@RestController
@NoDomainData
class AcmeChallengeAnswers {

    static final String PATH = "/.well-known/acme-challenge/";
    /** RFC 8555 §8.1: a token is base64url, no padding; anything else is not ours. */
    private static final String TOKEN = "[A-Za-z0-9_-]{1,256}";

    private final AcmeChallenges challenges;

    AcmeChallengeAnswers(AcmeChallenges challenges) {
        this.challenges = challenges;
    }

    @GetMapping(PATH + "{token:" + TOKEN + "}")
    ResponseEntity<String> answer(@PathVariable String token) {
        return challenges.answer(token).map(answer -> ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(answer))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
