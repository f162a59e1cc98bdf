package dev.armature.monitoring.functional;

import dev.armature.spi.Plugin;
import dev.armature.spi.PluginContext;
import java.util.function.Consumer;

/** A host's plugin in a test: an id and what it contributes. */
final class TestPlugin implements Plugin {
    private final String id;
    private final Consumer<PluginContext> contribution;

    private TestPlugin(String id, Consumer<PluginContext> contribution) {
        this.id = id;
        this.contribution = contribution;
    }

    /** Returns a plugin of this id that contributes what {@code contribution} adds. */
    static Plugin of(String id, Consumer<PluginContext> contribution) {
        return new TestPlugin(id, contribution);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String supportedApiVersions() {
        return "[0.1,1)";
    }

    @Override
    public void contribute(PluginContext context) {
        contribution.accept(context);
    }
}
