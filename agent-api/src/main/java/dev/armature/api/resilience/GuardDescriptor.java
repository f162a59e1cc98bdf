package dev.armature.api.resilience;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What a guard is built of: its layers from the outside in, as its current configuration made them.
 *
 * @param name the guard's name
 * @param key the key of a keyed guard, empty for the guard of the name itself
 * @param layers the layers, outermost first
 * @since 0.1
 */
public record GuardDescriptor(String name, Optional<String> key, List<GuardLayer> layers) {
    /**
     * Checks every part and copies the layers.
     *
     * @param name the name
     * @param key the key
     * @param layers the layers
     */
    public GuardDescriptor {
        requireNonNull(name, "name");
        requireNonNull(key, "key");
        layers = List.copyOf(layers);
    }

    /**
     * Returns the layer of a kind.
     *
     * @param kind the kind
     * @return the layer, or empty when the guard has none of that kind
     */
    public Optional<GuardLayer> layer(GuardLayer.Kind kind) {
        return layers.stream().filter(l -> l.kind() == kind).findFirst();
    }
}
