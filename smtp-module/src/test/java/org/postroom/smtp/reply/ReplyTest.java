package org.postroom.smtp.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ReplyTest {

    @Test
    void aReplyLineCarriesCodeEnhancedCodeAndText() {
        assertThat(Replies.UNKNOWN_USER.line()).isEqualTo("550 5.1.1 No such user here");
        assertThat(Replies.queued("42").line()).isEqualTo("250 2.0.0 Ok: queued as 42");
    }

    @Test
    void anEnhancedCodeOfAnotherClassThanTheReplyIsRefused() {
        assertThatThrownBy(() -> new Reply(550, "4.1.1", "no")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Reply(250, "5.5.5.5", "no")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReplyTextCannotSmuggleASecondLine() {
        assertThatThrownBy(() -> new Reply(250, "2.0.0", "ok\r\n250 2.0.0 forged"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyNamedReplyHasAnEnhancedCodeOfItsClass() throws IllegalAccessException {
        for (Field field : Replies.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == Reply.class) {
                Reply reply = (Reply) field.get(null);
                assertThat(reply.enhanced()).as(field.getName()).isNotEmpty()
                        .startsWith(Integer.toString(reply.code() / 100));
            }
        }
        assertThat(Arrays.stream(Replies.class.getFields()).filter(f -> f.getType() == Reply.class)).hasSizeGreaterThan(30);
    }

    @Test
    void aServerReplyLineIsParsedWithOrWithoutEnhancedCode() {
        assertThat(Reply.parse("550 5.1.1 <bob@example.com>: no such user"))
                .isEqualTo(new Reply(550, "5.1.1", "<bob@example.com>: no such user"));
        assertThat(Reply.parse("421 Service not available")).isEqualTo(new Reply(421, "", "Service not available"));
        assertThat(Reply.parse("250-PIPELINING")).isEqualTo(new Reply(250, "", "PIPELINING"));
        assertThat(Reply.parse("451 5.0.0 odd server")).isEqualTo(new Reply(451, "", "5.0.0 odd server"));
        assertThat(Reply.parse("250")).isEqualTo(new Reply(250, "", ""));
        assertThatThrownBy(() -> Reply.parse("hello")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void transientAndPermanentFollowTheFirstDigit() {
        assertThat(Replies.TRY_LATER.isTransient()).isTrue();
        assertThat(Replies.TRY_LATER.isPermanent()).isFalse();
        assertThat(Replies.RELAY_DENIED.isPermanent()).isTrue();
        assertThat(Replies.AUTH_SUCCEEDED.isPositive()).isTrue();
    }
}
