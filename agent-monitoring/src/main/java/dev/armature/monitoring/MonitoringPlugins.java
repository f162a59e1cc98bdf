package dev.armature.monitoring;

/** What agent-monitoring's plugins share: they ship in one jar, built against one API version. */
final class MonitoringPlugins {
    /** The API versions every plugin of this module supports: the 0.1 line it is built against. */
    static final String SUPPORTED_API_VERSIONS = "[0.1,0.2)";

    private MonitoringPlugins() {}
}
