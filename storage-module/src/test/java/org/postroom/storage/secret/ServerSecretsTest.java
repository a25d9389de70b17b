package org.postroom.storage.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postroom.storage.TestDatabase;

class ServerSecretsTest {

    private final TestDatabase testDatabase = TestDatabase.create();

    @AfterEach
    void close() {
        testDatabase.close();
    }

    @Test
    void aSecretIsMadeOnceAndEveryProcessGetsTheSameOne() throws Exception {
        // eight "processes" asking at the same moment, each with its own ServerSecrets
        ExecutorService processes = Executors.newFixedThreadPool(8);
        List<Future<byte[]>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(processes.submit(() -> new ServerSecrets(testDatabase.database()).secret(ServerSecrets.SRS)));
        }
        byte[] first = answers.get(0).get();
        for (Future<byte[]> answer : answers) {
            assertThat(answer.get()).isEqualTo(first);
        }
        processes.shutdown();
        assertThat(first).hasSize(32);
        assertThat(new ServerSecrets(testDatabase.database()).secret(ServerSecrets.SRS)).isEqualTo(first);
        assertThat(new ServerSecrets(testDatabase.database()).secret("another")).isNotEqualTo(first);
    }
}
