package org.postroom.smtp.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class RefusalTest {

    @Test
    void everyNamedRefusalReplyHasAReason() throws IllegalAccessException {
        for (Field field : Replies.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == Reply.class) {
                Reply reply = (Reply) field.get(null);
                if (!reply.isPositive()) {
                    assertThat(Refusal.of(reply)).as(field.getName()).isNotEqualTo(Refusal.OTHER);
                }
            }
        }
    }

    @Test
    void theReplySentNamesItsReasonWithAHostBeforeOrADetailAfterItsText() {
        assertThat(Refusal.of(Replies.UNKNOWN_USER)).isEqualTo(Refusal.RECIPIENT_UNKNOWN);
        assertThat(Refusal.of(Reply.parse("421 4.4.2 mx.example.test Command not completed in time, closing connection")))
                .isEqualTo(Refusal.COMMAND_TIMEOUT);
        assertThat(Refusal.of(Replies.ACCOUNT_WAITS.withText(Replies.ACCOUNT_WAITS.text() + " in 8 s")))
                .isEqualTo(Refusal.ACCOUNT_WAITS);
        assertThat(Refusal.of(Replies.TOO_MANY_CONNECTIONS_FROM_ADDRESS))
                .isEqualTo(Refusal.TOO_MANY_CONNECTIONS_FROM_ADDRESS);
        assertThat(Refusal.of(Replies.spamRejected("Gtube pattern"))).isEqualTo(Refusal.SPAM_REJECTED);
    }

    @Test
    void theSpamFiltersMessageIsOnePrintableLineOfAtMost200Characters() {
        assertThat(Replies.spamRejected("Gtube pattern").line()).isEqualTo("550 5.7.1 Message refused as spam: Gtube pattern");
        assertThat(Replies.spamRejected("").line()).isEqualTo("550 5.7.1 Message refused as spam");
        assertThat(Replies.spamRejected("virus\r\n250 ok\u0007 " + "x".repeat(400)).text())
                .startsWith("Message refused as spam: virus 250 ok? xxx").hasSize("Message refused as spam: ".length() + 200);
    }

    @Test
    void aReplyOfJamesItselfIsAnOtherRefusal() {
        assertThat(Refusal.of(Reply.parse("501 5.5.4 Invalid arguments"))).isEqualTo(Refusal.OTHER);
        assertThat(Refusal.of(Reply.parse("550 5.1.1 No such user there"))).isEqualTo(Refusal.OTHER);
    }

    @Test
    void theKeyIsTheNameInLowerCaseWithDashes() {
        assertThat(Refusal.RECIPIENT_UNKNOWN.key()).isEqualTo("recipient-unknown");
        assertThat(Refusal.SEVERAL_FROM_FIELDS).hasToString("several-from-fields");
        assertThat(Arrays.stream(Refusal.values()).map(Refusal::key)).doesNotHaveDuplicates()
                .allMatch(key -> key.matches("[a-z]+(-[a-z]+)*"));
    }
}
