package dev.armature.testing.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.state.StateStore;
import dev.armature.api.state.Versioned;
import dev.armature.core.state.EmbeddedStorage;
import dev.armature.testing.InMemoryStateStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The version and compare-and-set state machine of a store, against a model of a few lines: any
 * sequence of operations gives the same results and leaves the same state in the store as in the
 * model. The embedded store runs fewer tries because each of its writes waits for two syncs.
 */
class StateStoreModelPropertyTest {
    private static final String NS = "model";

    /** One operation on one of three keys. */
    sealed interface Op {
        String key();
    }

    record Put(String key, String value) implements Op {}

    record Cas(String key, long expected, String value) implements Op {}

    record Delete(String key) implements Op {}

    record DeleteVersion(String key, long expected) implements Op {}

    record Get(String key) implements Op {}

    /** The model: a sorted map from key to (value, version). */
    static final class Model {
        final Map<String, Versioned> entries = new TreeMap<>();

        Object apply(Op op) {
            Versioned current = entries.get(op.key());
            long version = current == null ? 0 : current.version();
            if (op instanceof Put p) {
                entries.put(p.key(), new Versioned(bytes(p.value()), version + 1));
                return version + 1;
            } else if (op instanceof Cas c) {
                if (c.expected() != version) {
                    return false;
                }
                entries.put(c.key(), new Versioned(bytes(c.value()), version + 1));
                return true;
            } else if (op instanceof Delete) {
                return entries.remove(op.key()) != null;
            } else if (op instanceof DeleteVersion d) {
                if (current == null || d.expected() != version) {
                    return false;
                }
                entries.remove(d.key());
                return true;
            } else {
                return Optional.ofNullable(current);
            }
        }
    }

    static Object apply(StateStore store, Op op) {
        if (op instanceof Put p) {
            return store.put(NS, p.key(), bytes(p.value()));
        } else if (op instanceof Cas c) {
            return store.compareAndSet(NS, c.key(), c.expected(), bytes(c.value()));
        } else if (op instanceof Delete) {
            return store.delete(NS, op.key());
        } else if (op instanceof DeleteVersion d) {
            return store.delete(NS, d.key(), d.expected());
        } else {
            return store.get(NS, op.key());
        }
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<String> keys = Arbitraries.of("a", "b", "c");
        Arbitrary<String> values = Arbitraries.strings().alpha().ofMaxLength(6);
        Arbitrary<Long> versions = Arbitraries.longs().between(0, 5);
        Arbitrary<Op> op = Arbitraries.oneOf(
                Combinators.combine(keys, values).as(Put::new),
                Combinators.combine(keys, versions, values).as(Cas::new),
                keys.map(Delete::new),
                Combinators.combine(keys, versions.filter(v -> v >= 1)).as(DeleteVersion::new),
                keys.map(Get::new));
        return op.list().ofMaxSize(30);
    }

    @Property
    void the_in_memory_store_follows_the_model(@ForAll("operations") List<Op> ops) {
        check(new InMemoryStateStore(), ops);
    }

    @Property(tries = 20)
    void the_embedded_store_follows_the_model(@ForAll("operations") List<Op> ops) throws IOException {
        Path dir = Files.createTempDirectory("armature-model");
        try (EmbeddedStorage storage = EmbeddedStorage.open(dir)) {
            check(storage.stateStore(), ops);
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void check(StateStore store, List<Op> ops) {
        Model model = new Model();
        for (Op op : ops) {
            assertThat(apply(store, op)).as("result of %s", op).isEqualTo(model.apply(op));
        }
        assertThat(store.keys(NS)).containsExactlyElementsOf(new ArrayList<>(model.entries.keySet()));
        for (Map.Entry<String, Versioned> e : model.entries.entrySet()) {
            assertThat(store.get(NS, e.getKey())).contains(e.getValue());
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
