package dev.armature.core.internal.errors;

import static java.util.Objects.requireNonNull;

import dev.armature.api.resilience.Fingerprint;
import dev.armature.api.resilience.FingerprintExplanation;
import dev.armature.core.internal.errors.FrameNames.ClassName;
import dev.armature.core.internal.errors.FrameNames.Kind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Internal: computes version 1 fingerprints. What is hashed, in this order, one line each:
 *
 * <ul>
 *   <li>for every exception of the cause chain, outermost first ({@value #MAX_CHAIN} at most, stopping
 *       where the chain loops back; suppressed exceptions are not part of it): {@code T <type>}, then
 *       {@code F <class>#<method>} for its first {@value #FRAMES_PER_EXCEPTION} in-app frames from the
 *       top, names normalised by {@link FrameNames}, line numbers left out, a frame equal to the one
 *       before it (recursion, a generated subclass over its base) counted once;
 *   <li>only when no exception of the chain has an in-app frame: {@code M <template>}, the first
 *       message of the chain with its variable parts replaced by {@link MessageTemplates}.
 * </ul>
 *
 * <p>The fingerprint is the first 8 bytes of the SHA-256 of that text in UTF-8, as 16 hex digits. A
 * frame is in-app when its class is not under one of {@link #DEFAULT_EXCLUDED} and not a lambda,
 * proxy or reflection accessor and, when in-app packages are given, under one of them.
 *
 * <p>Thread-safe. Normalised class names are cached, up to {@value #CLASS_CACHE_SIZE} of them.
 */
public final class Fingerprinter {
    /** The version of the algorithm this class implements. */
    public static final int VERSION = 1;
    /** The longest cause chain read; deeper causes do not count. */
    public static final int MAX_CHAIN = 10;
    /** The in-app frames of each exception that count, from the top. */
    public static final int FRAMES_PER_EXCEPTION = 5;
    /** Class name prefixes whose frames never count: the JDK, languages, test and build tools, Armature itself. */
    public static final List<String> DEFAULT_EXCLUDED = List.of(
            "java.",
            "javax.",
            "jakarta.",
            "jdk.",
            "sun.",
            "com.sun.",
            "kotlin.",
            "kotlinx.",
            "scala.",
            "groovy.",
            "org.codehaus.groovy.",
            "org.junit.",
            "junit.",
            "org.opentest4j.",
            "org.apache.maven.",
            "org.gradle.",
            "net.bytebuddy.",
            "org.springframework.cglib.",
            "io.github.resilience4j.",
            "dev.armature.core.internal.");
    /** How many class names the cache holds; past it, names are normalised on every use. */
    static final int CLASS_CACHE_SIZE = 4096;

    private static final int DIGEST_BYTES = 8;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final Pattern PACKAGE =
            Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(?:\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*\\.?");

    private final List<String> inAppPackages;
    private final String[] inApp;
    private final String[] excluded;
    private final MessageDigest sha256;
    private final ConcurrentHashMap<String, ClassInfo> classes = new ConcurrentHashMap<>();

    /** A class name as fingerprints see it. */
    private record ClassInfo(String raw, String name, Kind kind, boolean inApp) {
        boolean renamed() {
            return !raw.equals(name);
        }
    }

    private Fingerprinter(List<String> inAppPackages) {
        this.inAppPackages = List.copyOf(inAppPackages);
        this.inApp = inAppPackages.stream().map(Fingerprinter::asPrefix).toArray(String[]::new);
        this.excluded = DEFAULT_EXCLUDED.toArray(String[]::new);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must support SHA-256", e);
        }
    }

    /**
     * Creates a fingerprinter.
     *
     * @param inAppPackages the host's packages, such as {@code com.example.agent}; when empty, every
     *     frame not excluded by default counts
     * @return the fingerprinter
     * @throws IllegalArgumentException when an entry is not a package name
     */
    public static Fingerprinter create(List<String> inAppPackages) {
        for (String p : inAppPackages) {
            if (!isPackageName(p)) {
                throw new IllegalArgumentException("'" + p + "' is not a Java package name such as com.example.agent");
            }
        }
        return new Fingerprinter(inAppPackages);
    }

    /** Returns whether the text is a package name, optionally ending in a dot. */
    public static boolean isPackageName(String text) {
        return PACKAGE.matcher(text).matches();
    }

    /** Returns the in-app packages this fingerprinter was given. */
    public List<String> inAppPackages() {
        return inAppPackages;
    }

    /** Returns an error's fingerprint. */
    public Fingerprint fingerprint(Throwable error) {
        return new Fingerprint(VERSION, digest(canonical(requireNonNull(error, "error"), null)));
    }

    /** Returns what makes an error's fingerprint. */
    public FingerprintExplanation explain(Throwable error) {
        Explanation e = new Explanation();
        String text = canonical(requireNonNull(error, "error"), e);
        return new FingerprintExplanation(
                new Fingerprint(VERSION, digest(text)),
                e.types,
                e.frames,
                Optional.ofNullable(e.template),
                List.copyOf(e.notes));
    }

    /**
     * Returns a message with numbers, identifiers, addresses and times replaced by placeholders; the
     * empty string when there is no message.
     */
    public static String messageTemplate(@Nullable String message) {
        return message == null ? "" : MessageTemplates.template(message);
    }

    /** What {@link #explain} gathers as the text is built. */
    private static final class Explanation {
        final List<String> types = new ArrayList<>();
        final List<String> frames = new ArrayList<>();
        final Set<String> notes = new LinkedHashSet<>();

        @Nullable
        String template;
    }

    /** Builds the text that is hashed; fills {@code e} when it is given. */
    private String canonical(Throwable error, @Nullable Explanation e) {
        Throwable[] chain = new Throwable[MAX_CHAIN];
        int n = 0;
        for (@Nullable Throwable t = error; t != null; t = t.getCause()) {
            if (contains(chain, n, t)) {
                if (e != null) {
                    e.notes.add("the cause chain loops back to " + t.getClass().getName() + "; read up to there");
                }
                break;
            }
            if (n == MAX_CHAIN) {
                if (e != null) {
                    e.notes.add("the cause chain was cut after " + MAX_CHAIN + " exceptions");
                }
                break;
            }
            chain[n++] = t;
        }
        StringBuilder text = new StringBuilder(64 * (FRAMES_PER_EXCEPTION + 1) * n);
        int framesUsed = 0;
        for (int i = 0; i < n; i++) {
            ClassInfo type = classInfo(chain[i].getClass().getName());
            text.append("T ").append(type.name).append('\n');
            if (e != null) {
                e.types.add(type.name);
                if (type.renamed()) {
                    e.notes.add("normalised type " + type.raw + " to " + type.name);
                }
            }
            framesUsed += appendFrames(chain[i].getStackTrace(), text, e);
        }
        if (framesUsed == 0) {
            String template = messageTemplate(firstMessage(chain, n));
            text.append("M ").append(template).append('\n');
            if (e != null) {
                e.template = template;
                e.notes.add("no in-app frame in the chain: its first message, as a template, stands in");
            }
        }
        return text.toString();
    }

    /** Appends an exception's first in-app frames; returns how many. */
    private int appendFrames(StackTraceElement[] trace, StringBuilder text, @Nullable Explanation e) {
        int used = 0;
        @Nullable String lastClass = null;
        @Nullable String lastMethod = null;
        for (int i = 0; i < trace.length && used < FRAMES_PER_EXCEPTION; i++) {
            StackTraceElement frame = trace[i];
            ClassInfo c = classInfo(frame.getClassName());
            if (!c.inApp) {
                if (e != null && (c.kind == Kind.LAMBDA || c.kind == Kind.MACHINERY)) {
                    e.notes.add("skipped generated frame " + frame.getClassName() + "#" + frame.getMethodName());
                }
                continue;
            }
            String raw = frame.getMethodName();
            String method = FrameNames.normaliseMethod(raw);
            if (c.name.equals(lastClass) && method.equals(lastMethod)) {
                if (e != null) {
                    e.notes.add("counted repeated frame " + c.name + "#" + method + " once");
                }
                continue;
            }
            lastClass = c.name;
            lastMethod = method;
            text.append("F ").append(c.name).append('#').append(method).append('\n');
            used++;
            if (e != null) {
                e.frames.add(c.name + "#" + method);
                if (c.renamed()) {
                    e.notes.add("normalised class " + c.raw + " to " + c.name);
                }
                if (!method.equals(raw)) {
                    e.notes.add("normalised method " + raw + " to " + method);
                }
            }
        }
        return used;
    }

    private ClassInfo classInfo(String className) {
        @Nullable ClassInfo cached = classes.get(className);
        if (cached != null) {
            return cached;
        }
        ClassName normalised = FrameNames.normaliseClass(className);
        ClassInfo info = new ClassInfo(className, normalised.name(), normalised.kind(), isInApp(normalised));
        if (classes.size() < CLASS_CACHE_SIZE) {
            classes.putIfAbsent(className, info);
        }
        return info;
    }

    private boolean isInApp(ClassName c) {
        if (c.kind() == Kind.LAMBDA || c.kind() == Kind.MACHINERY) {
            return false;
        }
        String name = c.name();
        for (String prefix : excluded) {
            if (name.startsWith(prefix)) {
                return false;
            }
        }
        if (inApp.length == 0) {
            return true;
        }
        for (String prefix : inApp) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private String digest(String text) {
        MessageDigest md;
        try {
            md = (MessageDigest) sha256.clone(); // cheaper than a provider look-up per call
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the SHA-256 digest of this platform cannot be cloned", e);
        }
        byte[] hash = md.digest(text.getBytes(StandardCharsets.UTF_8));
        char[] out = new char[DIGEST_BYTES * 2];
        for (int i = 0; i < DIGEST_BYTES; i++) {
            out[2 * i] = HEX[(hash[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[hash[i] & 0xf];
        }
        return new String(out);
    }

    private static boolean contains(Throwable[] chain, int n, Throwable t) {
        for (int i = 0; i < n; i++) {
            if (chain[i] == t) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable String firstMessage(Throwable[] chain, int n) {
        for (int i = 0; i < n; i++) {
            @Nullable String m = chain[i].getMessage();
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    private static String asPrefix(String pkg) {
        return pkg.endsWith(".") ? pkg : pkg + ".";
    }
}
