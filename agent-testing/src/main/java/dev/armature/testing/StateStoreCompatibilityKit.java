package dev.armature.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.armature.api.state.StateNames;
import dev.armature.api.state.StateStore;
import dev.armature.api.state.Versioned;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link StateStore} as JUnit 5 tests: every implementation, embedded or
 * distributed, extends this class and passes it.
 *
 * <p>A subclass supplies a fresh, empty store for each test through {@link #createStore()}, and
 * releases it in its own {@code @AfterEach}. A persistent implementation also overrides {@link
 * #reopen(StateStore)}, so that the kit checks that writes survive a restart. The kit asserts with
 * JUnit's own {@code Assertions}, so it adds no assertion library to the implementer's tests.
 *
 * <pre>{@code
 * class RedisStateStoreTest extends StateStoreCompatibilityKit {
 *     @Override
 *     protected StateStore createStore() {
 *         return new RedisStateStore(redis.flushAndConnect());
 *     }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public abstract class StateStoreCompatibilityKit {
    private static final String NS = "kit";

    /** The store under test, created before each test. */
    @SuppressWarnings("NullAway.Init") // set by @BeforeEach before any test runs
    private StateStore store;

    /** Creates the kit; subclasses are JUnit test classes. */
    protected StateStoreCompatibilityKit() {}

    /**
     * Returns a new, empty store for one test.
     *
     * @return the store under test
     */
    protected abstract StateStore createStore();

    /**
     * Closes the store and opens it again over the same data, as a restarted host would. The
     * default returns the same store, which is right for an implementation that keeps nothing.
     *
     * @param store the store returned by {@link #createStore()} or an earlier reopen
     * @return the reopened store
     */
    protected StateStore reopen(StateStore store) {
        return store;
    }

    @BeforeEach
    void createStoreUnderTest() {
        store = createStore();
    }

    @Test
    void an_absent_key_reads_as_empty_and_an_unknown_namespace_has_no_keys() {
        assertEquals(Optional.empty(), store.get(NS, "absent"));
        assertEquals(List.of(), store.keys("never-used"));
    }

    @Test
    void a_put_creates_version_one_and_each_further_put_adds_one() {
        assertEquals(1, store.put(NS, "k", bytes("a")));
        assertEquals(2, store.put(NS, "k", bytes("b")));
        assertEquals(3, store.put(NS, "k", bytes("c")));
        assertEquals(new Versioned(bytes("c"), 3), store.get(NS, "k").orElseThrow());
    }

    @Test
    void values_are_copied_on_the_way_in_and_on_the_way_out() {
        byte[] value = bytes("original");
        store.put(NS, "k", value);
        value[0] = 'X';
        byte[] read = store.get(NS, "k").orElseThrow().value();
        assertArrayEquals(bytes("original"), read);
        read[0] = 'Y';
        assertArrayEquals(bytes("original"), store.get(NS, "k").orElseThrow().value());
    }

    @Test
    void empty_and_large_values_are_stored_exactly() {
        byte[] large = new byte[1024 * 1024];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31 + 7);
        }
        store.put(NS, "empty", new byte[0]);
        store.put(NS, "large", large);
        assertArrayEquals(new byte[0], store.get(NS, "empty").orElseThrow().value());
        assertArrayEquals(large, store.get(NS, "large").orElseThrow().value());
    }

    @Test
    void compare_and_set_with_version_zero_creates_an_absent_key_only() {
        assertTrue(store.compareAndSet(NS, "k", 0, bytes("first")));
        assertEquals(new Versioned(bytes("first"), 1), store.get(NS, "k").orElseThrow());
        assertFalse(store.compareAndSet(NS, "k", 0, bytes("second")));
        assertEquals(new Versioned(bytes("first"), 1), store.get(NS, "k").orElseThrow());
    }

    @Test
    void compare_and_set_succeeds_on_the_current_version_only_and_a_failure_changes_nothing() {
        store.put(NS, "k", bytes("v1"));
        store.put(NS, "k", bytes("v2"));
        assertFalse(store.compareAndSet(NS, "k", 1, bytes("stale")));
        assertFalse(store.compareAndSet(NS, "k", 3, bytes("future")));
        assertEquals(new Versioned(bytes("v2"), 2), store.get(NS, "k").orElseThrow());
        assertTrue(store.compareAndSet(NS, "k", 2, bytes("v3")));
        assertEquals(new Versioned(bytes("v3"), 3), store.get(NS, "k").orElseThrow());
        assertFalse(store.compareAndSet(NS, "absent", 1, bytes("x")));
        assertEquals(Optional.empty(), store.get(NS, "absent"));
    }

    @Test
    void a_negative_expected_version_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> store.compareAndSet(NS, "k", -1, bytes("x")));
        assertThrows(IllegalArgumentException.class, () -> store.delete(NS, "k", 0));
    }

    @Test
    void delete_removes_a_key_and_reports_whether_it_was_present() {
        store.put(NS, "k", bytes("v"));
        assertTrue(store.delete(NS, "k"));
        assertEquals(Optional.empty(), store.get(NS, "k"));
        assertFalse(store.delete(NS, "k"));
        assertEquals(List.of(), store.keys(NS));
    }

    @Test
    void delete_with_a_version_removes_only_that_version() {
        store.put(NS, "k", bytes("v1"));
        store.put(NS, "k", bytes("v2"));
        assertFalse(store.delete(NS, "k", 1));
        assertEquals(2, store.get(NS, "k").orElseThrow().version());
        assertTrue(store.delete(NS, "k", 2));
        assertFalse(store.delete(NS, "k", 2));
    }

    @Test
    void a_key_created_again_after_a_delete_starts_at_version_one() {
        store.put(NS, "k", bytes("v1"));
        store.put(NS, "k", bytes("v2"));
        store.delete(NS, "k");
        assertEquals(1, store.put(NS, "k", bytes("again")));
    }

    @Test
    void keys_are_listed_in_ascending_order_per_namespace() {
        for (String key : List.of("b", "a", "c/d", "B", "a b")) {
            store.put(NS, key, bytes(key));
        }
        store.put("other", "z", bytes("z"));
        assertEquals(List.of("B", "a", "a b", "b", "c/d"), store.keys(NS));
        assertEquals(List.of("z"), store.keys("other"));
    }

    @Test
    void namespaces_do_not_share_keys() {
        store.put("one", "k", bytes("1"));
        store.put("two", "k", bytes("2"));
        assertArrayEquals(bytes("1"), store.get("one", "k").orElseThrow().value());
        assertArrayEquals(bytes("2"), store.get("two", "k").orElseThrow().value());
        store.delete("one", "k");
        assertTrue(store.get("two", "k").isPresent());
    }

    @Test
    void keys_with_path_characters_case_differences_and_unicode_are_kept_apart() {
        List<String> keys = List.of(
                "../escape", "a/b\\c", ".", "..", "Key", "key", "KEY", "ключ", "鍵", "emoji 🙂", "x".repeat(100));
        for (String key : keys) {
            store.put(NS, key, bytes(key));
        }
        for (String key : keys) {
            assertArrayEquals(bytes(key), store.get(NS, key).orElseThrow().value(), key);
        }
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(null);
        assertEquals(sorted, store.keys(NS));
    }

    @Test
    void bad_namespaces_and_keys_are_refused_with_the_bad_value_named() {
        for (String bad : List.of("", " ", "Upper", "a/b", "..", "-lead", "trail.", "a..b", "x".repeat(65))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.get(bad, "k"), bad);
            String message = String.valueOf(e.getMessage());
            assertTrue(message.contains("'" + bad + "'"), message);
            assertThrows(IllegalArgumentException.class, () -> store.put(bad, "k", bytes("v")), bad);
            assertThrows(IllegalArgumentException.class, () -> store.keys(bad), bad);
        }
        String tooLong = "k".repeat(StateNames.MAX_KEY_BYTES + 1);
        for (String bad : List.of("", "   ", "tab\there", "new\nline", "\ud800", tooLong)) {
            assertThrows(IllegalArgumentException.class, () -> store.put(NS, bad, bytes("v")));
            assertThrows(IllegalArgumentException.class, () -> store.get(NS, bad));
            assertThrows(IllegalArgumentException.class, () -> store.compareAndSet(NS, bad, 0, bytes("v")));
            assertThrows(IllegalArgumentException.class, () -> store.delete(NS, bad));
        }
        assertEquals(List.of(), store.keys(NS));
    }

    @Test
    @SuppressWarnings("NullAway") // passes null on purpose
    void null_arguments_are_refused() {
        assertThrows(NullPointerException.class, () -> store.get(null, "k"));
        assertThrows(NullPointerException.class, () -> store.get(NS, null));
        assertThrows(NullPointerException.class, () -> store.put(NS, "k", null));
        assertThrows(NullPointerException.class, () -> store.compareAndSet(NS, "k", 0, null));
    }

    @Test
    void concurrent_compare_and_set_increments_lose_no_update() throws Exception {
        int threads = 4;
        int increments = 25;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(() -> {
                    go.await();
                    int conflicts = 0;
                    for (int i = 0; i < increments; i++) {
                        while (true) {
                            Optional<Versioned> current = store.get(NS, "counter");
                            long version = current.map(Versioned::version).orElse(0L);
                            int count = current.map(v -> Integer.parseInt(new String(v.value(), UTF_8)))
                                    .orElse(0);
                            if (store.compareAndSet(NS, "counter", version, bytes(Integer.toString(count + 1)))) {
                                break;
                            }
                            conflicts++;
                        }
                    }
                    return conflicts;
                });
            }
            List<Future<Integer>> results = new ArrayList<>();
            for (Callable<Integer> task : tasks) {
                results.add(pool.submit(task));
            }
            go.countDown();
            for (Future<Integer> result : results) {
                var unused = result.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Versioned counter = store.get(NS, "counter").orElseThrow();
        assertEquals(threads * increments, Integer.parseInt(new String(counter.value(), UTF_8)));
        assertEquals((long) threads * increments, counter.version());
    }

    @Test
    void writes_survive_a_reopen() {
        store.put(NS, "kept", bytes("v1"));
        store.put(NS, "kept", bytes("v2"));
        store.put(NS, "deleted", bytes("gone"));
        store.delete(NS, "deleted");
        store = reopen(store);
        assertEquals(new Versioned(bytes("v2"), 2), store.get(NS, "kept").orElseThrow());
        assertEquals(Optional.empty(), store.get(NS, "deleted"));
        assertEquals(List.of("kept"), store.keys(NS));
        assertEquals(3, store.put(NS, "kept", bytes("v3")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
