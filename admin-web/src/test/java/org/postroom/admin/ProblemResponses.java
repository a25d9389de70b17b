package org.postroom.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.admin.WebVisitor.json;

import java.net.http.HttpResponse;

/** What every refused API call must be: an RFC 9457 problem document with the status and a detail that says why. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).get("detail").asString()).contains(detail);
    }
}
