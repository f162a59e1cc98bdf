package dev.armature.core.internal.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Internal: keeps a tag of an {@code armature.*} meter to a bounded number of distinct values per
 * meter name. The first {@code max} values seen pass; later ones are folded into {@value #OTHER},
 * and each fold is counted, so a runaway tag (a component per request, say) costs one series, not
 * thousands. Common tags are left alone. Thread-safe.
 */
public final class CardinalityGuard implements MeterFilter {
    /** The value that excess tag values are folded into. */
    public static final String OTHER = "OTHER";

    private final int max;
    private final Set<String> exempt;
    private final Map<String, Set<String>> seen = new ConcurrentHashMap<>();
    private final AtomicLong folded = new AtomicLong();

    /**
     * Creates the guard.
     *
     * @param max distinct values allowed per meter name and tag key
     * @param exemptKeys tag keys never folded, such as the common tags
     */
    public CardinalityGuard(int max, Set<String> exemptKeys) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        this.max = max;
        this.exempt = Set.copyOf(exemptKeys);
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!id.getName().startsWith(Meters.PREFIX)) {
            return id;
        }
        List<Tag> tags = new ArrayList<>();
        boolean changed = false;
        for (Tag tag : id.getTagsAsIterable()) {
            if (exempt.contains(tag.getKey()) || admit(id.getName(), tag)) {
                tags.add(tag);
            } else {
                tags.add(Tag.of(tag.getKey(), OTHER));
                folded.incrementAndGet();
                changed = true;
            }
        }
        return changed ? id.replaceTags(tags) : id;
    }

    private boolean admit(String name, Tag tag) {
        Set<String> values = seen.computeIfAbsent(name + '\u0000' + tag.getKey(), k -> ConcurrentHashMap.newKeySet());
        if (values.contains(tag.getValue())) {
            return true;
        }
        synchronized (values) {
            if (values.size() < max) {
                values.add(tag.getValue());
                return true;
            }
            return values.contains(tag.getValue());
        }
    }

    /**
     * Returns how many tag values were folded into {@value #OTHER}.
     *
     * @return the count
     */
    public long folded() {
        return folded.get();
    }
}
