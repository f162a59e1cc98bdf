package dev.armature.core.functional.plugins;

import dev.armature.spi.Plugin;
import dev.armature.spi.PluginContext;

/** Two plugins that claim one id. */
public final class DuplicateIdPlugins {
    private DuplicateIdPlugins() {}

    /** The first claimant. */
    public static final class First implements Plugin {
        @Override
        public String id() {
            return "same-id";
        }

        @Override
        public String supportedApiVersions() {
            return "[0.1,)";
        }

        @Override
        public void contribute(PluginContext context) {}
    }

    /** The second claimant. */
    public static final class Second implements Plugin {
        @Override
        public String id() {
            return "same-id";
        }

        @Override
        public String supportedApiVersions() {
            return "[0.1,)";
        }

        @Override
        public void contribute(PluginContext context) {}
    }
}
