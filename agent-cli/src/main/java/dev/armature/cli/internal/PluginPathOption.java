package dev.armature.cli.internal;

import dev.armature.api.ArmatureException;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * Internal: {@code --plugin-path PATH}, the jars and directories of plugins whose schemas take part,
 * as a host would put them on its class path.
 */
final class PluginPathOption {
    /** The stable code of a plugin path entry that is neither a jar nor a directory. */
    static final String ERROR_CODE = "armature.cli.plugin-path";

    @Option(
            names = "--plugin-path",
            paramLabel = "PATH",
            description =
                    "A plugin jar or a directory of classes; repeat it, or separate entries with '${sys:path.separator}'."
                            + " Plugins found there (META-INF/services/dev.armature.spi.Plugin) contribute their"
                            + " configuration schemas. Without it, only the command's own class path is searched.")
    List<String> entries = new ArrayList<>();

    private static final Pattern SEPARATOR = Pattern.compile(Pattern.quote(File.pathSeparator));

    /** Returns every entry, the path-separated ones split apart, empty parts dropped. */
    List<Path> paths() {
        List<Path> out = new ArrayList<>();
        for (String entry : entries) {
            for (String part : SEPARATOR.split(entry, -1)) {
                if (!part.isBlank()) {
                    out.add(Path.of(part));
                }
            }
        }
        return out;
    }

    /**
     * Returns a class loader that sees the plugin path before {@code parent}'s classes, or empty when
     * no path was given.
     *
     * @throws ArmatureException if an entry does not exist
     */
    Optional<URLClassLoader> loader(ClassLoader parent) {
        List<Path> paths = paths();
        if (paths.isEmpty()) {
            return Optional.empty();
        }
        List<URL> urls = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.isDirectory(path) && !Files.isRegularFile(path)) {
                throw new ArmatureException(
                        ERROR_CODE,
                        "plugin path entry " + path + " does not exist; give a plugin jar or a directory of classes");
            }
            try {
                urls.add(path.toAbsolutePath().toUri().toURL());
            } catch (MalformedURLException e) {
                throw new ArmatureException(ERROR_CODE, "plugin path entry " + path + " is not a valid location", e);
            }
        }
        return Optional.of(new URLClassLoader("armature-plugin-path", urls.toArray(URL[]::new), parent));
    }
}
