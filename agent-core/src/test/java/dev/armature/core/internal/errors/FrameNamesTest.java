package dev.armature.core.internal.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.core.internal.errors.FrameNames.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameNamesTest {
    @ParameterizedTest
    @CsvSource({
        "com.example.Foo, com.example.Foo, PLAIN",
        "com.example.Foo$Inner, com.example.Foo$Inner, PLAIN",
        "com.example.Foo$1, com.example.Foo, PLAIN",
        "com.example.Foo$1$2, com.example.Foo, PLAIN",
        "com.example.Foo$Inner$3, com.example.Foo$Inner, PLAIN",
        "com.example.Foo$$Lambda$12/0x0000000800c01234, com.example.Foo$$Lambda, LAMBDA",
        "com.example.Foo$$Lambda/0x0000000800c01234, com.example.Foo$$Lambda, LAMBDA",
        "com.example.Foo$$Lambda$7, com.example.Foo$$Lambda, LAMBDA",
        "jdk.proxy2.$Proxy12, jdk.proxy2.$Proxy, MACHINERY",
        "com.sun.proxy.$Proxy3, com.sun.proxy.$Proxy, MACHINERY",
        "com.example.Foo$$EnhancerByCGLIB$$abc123, com.example.Foo, GENERATED_SUBCLASS",
        "com.example.Foo$$EnhancerBySpringCGLIB$$abc123, com.example.Foo, GENERATED_SUBCLASS",
        "com.example.Foo$$SpringCGLIB$$0, com.example.Foo, GENERATED_SUBCLASS",
        "com.example.Foo$$FastClassByCGLIB$$9f2e, com.example.Foo, MACHINERY",
        "com.example.Foo_$$_jvst12_3, com.example.Foo, GENERATED_SUBCLASS",
        "com.example.Foo$$ByteBuddy$$x1, com.example.Foo, GENERATED_SUBCLASS",
        "com.example.Foo$MockitoMock$1234, com.example.Foo, GENERATED_SUBCLASS",
        "com.example.Foo$HibernateProxy$aB3, com.example.Foo, GENERATED_SUBCLASS",
        "jdk.internal.reflect.GeneratedMethodAccessor12, jdk.internal.reflect.GeneratedMethodAccessor, MACHINERY",
        "sun.reflect.GeneratedConstructorAccessor3, sun.reflect.GeneratedConstructorAccessor, MACHINERY",
        "com.example.GeneratedReport, com.example.GeneratedReport, PLAIN",
        "com.example.$Proxyish, com.example.$Proxyish, PLAIN"
    })
    void class_names_lose_what_generators_number(String raw, String expected, Kind kind) {
        assertThat(FrameNames.normaliseClass(raw)).isEqualTo(new FrameNames.ClassName(expected, kind));
    }

    @ParameterizedTest
    @CsvSource({
        "run, run",
        "lambda$bar$3, lambda$bar",
        "lambda$static$0, lambda$static",
        "access$000, access",
        "access$lambda$2$1, access$lambda",
        "$deserializeLambda$, $deserializeLambda$",
        "CGLIB$save$0, CGLIB$save",
        "v2$x, v2$x"
    })
    void method_names_lose_their_numbers(String raw, String expected) {
        assertThat(FrameNames.normaliseMethod(raw)).isEqualTo(expected);
    }
}
