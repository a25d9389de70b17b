package org.postroom.admin.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.postroom.admin.FixedServerSettings;
import org.postroom.admin.FixedZone;
import org.postroom.admin.access.DomainAccess;
import org.postroom.admin.audit.AuditTrail;
import org.postroom.storage.ConflictException;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.StorageUnavailableException;
import org.postroom.storage.audit.AuditLog;
import org.postroom.storage.directory.AdminAccountRepository;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.quarantine.Quarantine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * What the API answers when storage refuses or fails: an RFC 9457 problem document with the
 * status that says whose fault it is, and a detail that says what to fix (never a stack trace or
 * the database's own words). A slice of the web layer, the controller and {@code ApiProblems}
 * with the directory as a stand-in, because a database that cannot be reached is what the real
 * one cannot be made to do here; that refusals come from real storage, {@link DomainApiTest}
 * shows over HTTP. The logins of the API are not this test's subject: {@code ApiSecurityTest}.
 */
@WebMvcTest(DomainApi.class)
@AutoConfigureMockMvc(addFilters = false)
@Import({ DnsRecords.class, DnsCheck.class, FixedZone.class, FixedServerSettings.class, VisibleDomains.class,
        DomainAccess.class, AuditTrail.class })
class DomainApiErrorsTest {

    private static final String PROBLEM = "application/problem+json";

    @Autowired
    MockMvc mvc;
    @MockitoBean
    DomainRepository domains;
    // what DomainAccess would read an administrator's domains from; no one signs in here
    @MockitoBean
    AdminAccountRepository admins;
    @MockitoBean
    Quarantine quarantine;
    // changes are audited after the handler; the slice has no database
    @MockitoBean
    AuditLog audit;

    @Test
    void anUnknownDomainIs404WithItsName() throws Exception {
        when(domains.find(anyString())).thenReturn(Optional.empty());

        MockHttpServletResponse response = perform(get("/api/v1/domains/nowhere.example/dns"));

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getContentType()).isEqualTo(PROBLEM);
        assertThat(body(response)).contains("\"detail\":\"no domain nowhere.example\"");
    }

    @Test
    void badInputIs400WithStoragesReason() throws Exception {
        when(domains.create(anyString(), any())).thenThrow(new InvalidInputException("not a domain name: 'a b'"));

        MockHttpServletResponse response = perform(post("/api/v1/domains").contentType("application/json")
                .content("{\"name\":\"a b\"}"));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).isEqualTo(PROBLEM);
        assertThat(body(response)).contains("\"detail\":\"not a domain name: 'a b'\"");
    }

    @Test
    void aConflictIs409() throws Exception {
        when(domains.create(anyString(), any())).thenThrow(new ConflictException("domain taken.example exists already"));

        MockHttpServletResponse response = perform(post("/api/v1/domains").contentType("application/json")
                .content("{\"name\":\"taken.example\"}"));

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(body(response)).contains("exists already");
    }

    @Test
    void aDatabaseThatCannotBeReachedIs503AndSaysNothingChanged() throws Exception {
        when(domains.list()).thenThrow(new StorageUnavailableException("list domains",
                new IllegalStateException("Connection to 10.0.0.5:5432 refused")));
        doThrow(new StorageUnavailableException("delete domain", new IllegalStateException(
                "Connection to 10.0.0.5:5432 refused"))).when(domains).delete(anyString(), anyBoolean());

        for (RequestBuilder request : new RequestBuilder[] { get("/api/v1/domains"),
                delete("/api/v1/domains/example.com") }) {
            MockHttpServletResponse response = perform(request);
            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.getContentType()).isEqualTo(PROBLEM);
            assertThat(body(response)).contains("the database cannot be reached; nothing was changed, try again later")
                    .doesNotContain("10.0.0.5").doesNotContain("Exception");
        }
    }

    @Test
    void aBodyThatIsNoJsonIs400InTheSameFormat() throws Exception {
        MockHttpServletResponse response = perform(post("/api/v1/domains").contentType("application/json")
                .content("{\"name\":"));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).isEqualTo(PROBLEM);
        verifyNoInteractions(domains);
    }

    private MockHttpServletResponse perform(RequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    private static String body(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString(StandardCharsets.UTF_8);
    }
}
