package dev.armature.core.internal.config.source;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Internal: the file formats configuration is read from, each known by its file extensions. */
public enum ConfigFormat {
    /** YAML 1.1, one document whose top level is a mapping. */
    YAML(List.of(".yaml", ".yml")),
    /** JSON, one value whose top level is an object. */
    JSON(List.of(".json")),
    /** The {@link java.util.Properties} text format, read as UTF-8. */
    PROPERTIES(List.of(".properties"));

    @SuppressWarnings("ImmutableEnumChecker") // List.of is unmodifiable; Error Prone cannot tell
    private final List<String> extensions;

    ConfigFormat(List<String> extensions) {
        this.extensions = extensions;
    }

    /**
     * Returns the file extensions of this format, each with its leading dot, in lower case.
     *
     * @return the extensions
     */
    public List<String> extensions() {
        return extensions;
    }

    /**
     * Returns the format a file name's extension names, ignoring case.
     *
     * @param fileName the file name, such as {@code armature.yml}
     * @return the format, or empty for an unknown extension
     */
    public static Optional<ConfigFormat> ofFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (ConfigFormat format : values()) {
            for (String extension : format.extensions) {
                if (lower.endsWith(extension) && lower.length() > extension.length()) {
                    return Optional.of(format);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Returns every supported extension, for messages.
     *
     * @return the extensions, such as {@code .yaml, .yml, .json, .properties}
     */
    static String allExtensions() {
        StringBuilder b = new StringBuilder();
        for (ConfigFormat format : values()) {
            for (String extension : format.extensions) {
                b.append(b.length() == 0 ? "" : ", ").append(extension);
            }
        }
        return b.toString();
    }
}
