package dev.armature.core.config;

import dev.armature.api.config.ConfigSchema;
import dev.armature.core.internal.config.JsonSchemaExport;
import java.util.List;

/**
 * Exports configuration schemas for tools: editors and CI read the JSON Schema (2020-12) of every
 * declared key. {@code system.config().schemas()} gives the schemas of a system.
 *
 * <pre>{@code
 * String jsonSchema = ConfigSchemas.toJsonSchema(system.config().schemas());
 * }</pre>
 *
 * @since 0.1
 */
public final class ConfigSchemas {
    private ConfigSchemas() {}

    /**
     * Writes schemas as one JSON Schema document of the nested (YAML or JSON) form: a claimed prefix
     * forbids undeclared keys, secrets are {@code writeOnly}, and {@code x-armature-*} annotations
     * carry what JSON Schema has no word for (reloadable, owner, former names).
     *
     * @param schemas the schemas
     * @return the JSON Schema, indented
     */
    public static String toJsonSchema(List<ConfigSchema> schemas) {
        return JsonSchemaExport.export(schemas);
    }
}
