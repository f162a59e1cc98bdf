package dev.armature.core.internal.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageTemplatesTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "no parameters here | no parameters here",
                "request 123e4567-e89b-12d3-a456-426614174000 failed | request <uuid> failed",
                "address 0x7ffe3a21 and id 9f86d081884c7d65 | address <hex> and id <hex>",
                "a word like deadbeef stays | a word like deadbeef stays",
                "connect to 10.0.0.1:8443 refused | connect to <ip> refused",
                "connect to 10.0.0.1 refused | connect to <ip> refused",
                "connect to [::1]:8080 and fe80::1ff:fe23:4567:890a | connect to <ip> and <ip>",
                "Foo::bar is a method reference | Foo::bar is a method reference",
                "mail ops@example.co.uk now | mail <email> now",
                "at 2026-11-25T22:40:01.123Z and 2026-11-25 | at <time> and <time>",
                "at 2026-11-25 22:40:01+01:00 | at <time>",
                "at 22:40:01 today | at <time> today",
                "took 250ms, then 3s, then 1.5h | took <duration>, then <duration>, then <duration>",
                "waited PT30S and P1DT2H | waited <duration> and <duration>",
                "retry 3 of 10 after 1,500 tokens at 99.5% | retry <num> of <num> after <num> tokens at <num>%",
                "epoch 1732574401000 | epoch <num>",
                "user42 and file2.txt keep their digits | user42 and file2.txt keep their digits",
                "localhost:8080 | localhost:<num>"
            })
    void variable_parts_become_placeholders(String message, String template) {
        assertThat(MessageTemplates.template(message)).isEqualTo(template);
    }

    @Test
    void long_messages_are_cut_before_templating() {
        String template = MessageTemplates.template("x".repeat(MessageTemplates.MAX_MESSAGE_CHARS * 3));

        assertThat(template).hasSize(MessageTemplates.MAX_MESSAGE_CHARS);
    }
}
