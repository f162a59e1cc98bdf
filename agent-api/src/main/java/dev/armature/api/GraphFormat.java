package dev.armature.api;

/**
 * The formats {@link AgentSystem#exportGraph(GraphFormat)} writes the component graph in.
 *
 * @since 0.1
 */
public enum GraphFormat {
    /** A JSON object with a {@code components} array: name, dependsOn, after, optional. */
    JSON,
    /** Graphviz DOT: solid edges for hard dependencies, dashed ones for soft. */
    DOT
}
