package dev.armature.core.internal.errors;

import org.jspecify.annotations.Nullable;

/**
 * Internal: strips from class and method names what the compiler, the JVM and bytecode generators
 * number or hash, so that a name is the same in every build and every run: lambda classes ({@code
 * Foo$$Lambda$12/0x…} to {@code Foo$$Lambda}), generated subclasses of CGLIB, Spring, ByteBuddy,
 * Mockito, Hibernate and javassist (to the class they extend), JDK proxies and reflection accessors
 * (to {@code $Proxy}, {@code GeneratedMethodAccessor}), anonymous classes ({@code Foo$1} to {@code
 * Foo}) and numbered synthetic methods ({@code lambda$bar$3} to {@code lambda$bar}, {@code
 * access$000} to {@code access}). Plain scans, no regular expressions: this runs for every frame.
 */
final class FrameNames {
    /** Class name markers after which a generator appended its own suffix; the name is cut there. */
    private static final String[] GENERATED_SUBCLASS_MARKERS = {
        "_$$_", "$$", "$MockitoMock$", "$HibernateProxy$", "$ByteBuddy$"
    };
    /** Simple names of generated classes that carry a counter, which is dropped. */
    private static final String[] NUMBERED_GENERATED = {
        "$Proxy", "GeneratedMethodAccessor", "GeneratedConstructorAccessor", "GeneratedSerializationConstructorAccessor"
    };

    private static final String LAMBDA = "$$Lambda";
    private static final String FAST_CLASS = "$$FastClassBy";

    private FrameNames() {}

    /** What normalising a class name found. */
    enum Kind {
        /** An ordinary class; its name may have lost anonymous-class numbers. */
        PLAIN,
        /** A lambda's hidden class, shown only with {@code -XX:+ShowHiddenFrames}. */
        LAMBDA,
        /** A JDK proxy or a reflection accessor: machinery, never the application's code. */
        MACHINERY,
        /** A subclass a bytecode generator made of an application class. */
        GENERATED_SUBCLASS
    }

    /** A class name after normalisation. */
    record ClassName(String name, Kind kind) {}

    /** Normalises a class name. */
    static ClassName normaliseClass(String className) {
        String name = className;
        int slash = name.indexOf('/');
        if (slash >= 0) {
            name = name.substring(0, slash); // a hidden class's address: Foo$$Lambda$12/0x0000000800c01234
        }
        if (name.indexOf('$') < 0 && name.indexOf("Generated") < 0) {
            return new ClassName(name, Kind.PLAIN); // the common case
        }
        Kind kind = Kind.PLAIN;
        int lambda = name.indexOf(LAMBDA);
        if (lambda >= 0) {
            name = name.substring(0, lambda + LAMBDA.length());
            kind = Kind.LAMBDA;
        } else {
            for (String marker : GENERATED_SUBCLASS_MARKERS) {
                int at = name.indexOf(marker);
                if (at > 0) {
                    // CGLIB's FastClass calls methods by index: machinery, like a reflection accessor.
                    kind = name.startsWith(FAST_CLASS, at) ? Kind.MACHINERY : Kind.GENERATED_SUBCLASS;
                    name = name.substring(0, at);
                    break;
                }
            }
        }
        int simple = name.lastIndexOf('.') + 1;
        for (String prefix : NUMBERED_GENERATED) {
            if (name.startsWith(prefix, simple) && allDigits(name, simple + prefix.length(), name.length())) {
                return new ClassName(name.substring(0, simple + prefix.length()), Kind.MACHINERY);
            }
        }
        return new ClassName(stripNumberedSegments(name), kind);
    }

    /** Normalises a method name: {@code lambda$bar$3} to {@code lambda$bar}, {@code access$000} to {@code access}. */
    static String normaliseMethod(String method) {
        return method.indexOf('$') < 0 ? method : stripNumberedSegments(method);
    }

    /** Drops every {@code $} followed only by digits up to the next {@code $} or the end. */
    static String stripNumberedSegments(String name) {
        @Nullable StringBuilder out = null;
        int copied = 0;
        int i = name.indexOf('$');
        while (i >= 0) {
            int end = name.indexOf('$', i + 1);
            int segmentEnd = end < 0 ? name.length() : end;
            if (segmentEnd > i + 1 && allDigits(name, i + 1, segmentEnd)) {
                if (out == null) {
                    out = new StringBuilder(name.length());
                }
                out.append(name, copied, i);
                copied = segmentEnd;
            }
            i = end;
        }
        if (out == null) {
            return name;
        }
        return out.append(name, copied, name.length()).toString();
    }

    private static boolean allDigits(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
