package dev.armature.core.internal.config.crypto;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.armature.api.config.ConfigException;
import dev.armature.api.config.Keyring;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Internal: the text forms of a keyring. The JSON form, which keyring files and the variable use:
 *
 * <pre>{@code
 * {"format":"armature-keyring/v1","primary":"k1","keys":{"k1":"<base64 of 32 bytes>","k0":"…"}}
 * }</pre>
 *
 * and the compact form, for the variable only: {@code k1:<base64>[,k0:<base64>…]}, whose first key
 * is the primary one. Keys are in standard Base64 (RFC 4648 §4, padded).
 *
 * <p>Every failure is a {@link ConfigException} with code {@value #CODE} that names where the
 * keyring came from and what is wrong, and never holds key material: Jackson's own messages and
 * Base64's, which may quote the offending input, are neither included nor attached as causes.
 */
public final class KeyringFormat {
    /** The code of every keyring failure. */
    public static final String CODE = "armature.config.keyring";

    /** The value of the JSON form's {@code format} field. */
    public static final String FORMAT = "armature-keyring/v1";

    /** Strict on duplicates: a key id given twice must not silently keep the last key. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Set<String> FIELDS = Set.of("format", "primary", "keys");

    private KeyringFormat() {}

    /**
     * Reads a keyring in either form: JSON when the trimmed text starts with <code>{</code>, compact
     * otherwise.
     *
     * @param text the keyring text
     * @param where where the text came from, for messages, such as {@code the keyring file
     *     /etc/armature/keyring.json}
     * @return the keyring
     * @throws ConfigException if the text is not a valid keyring
     */
    /** The environment variable that may hold a keyring. */
    public static final String ENVIRONMENT_VARIABLE = "ARMATURE_KEYRING";

    /** Reads the keyring in {@value #ENVIRONMENT_VARIABLE}, if it is set and not blank. */
    public static Optional<Keyring> fromEnvironment(Map<String, String> environment) {
        String text = environment.get(ENVIRONMENT_VARIABLE);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(parse(text, "the environment variable " + ENVIRONMENT_VARIABLE));
    }

    public static StoredKeyring parse(String text, String where) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw failure(where, "is empty");
        }
        return trimmed.startsWith("{") ? parseJson(trimmed, where) : parseCompact(trimmed, where);
    }

    /**
     * Reads a keyring in the JSON form only.
     *
     * @throws ConfigException if the text is not a valid JSON keyring
     */
    public static StoredKeyring parseJson(String text, String where) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the input near the error, which may be key material.
            JsonLocation at = e.getLocation();
            String position = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw failure(where, "is not valid JSON" + position);
        }
        if (root == null || !root.isObject()) {
            throw failure(where, "is not a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String name = field.getKey();
            if (!FIELDS.contains(name)) {
                throw failure(where, "has the unknown field '" + name + "'; expected " + FIELDS);
            }
        }
        JsonNode format = root.get("format");
        if (format == null || !format.isTextual() || !format.asText().equals(FORMAT)) {
            throw failure(where, "does not declare \"format\": \"" + FORMAT + "\"");
        }
        JsonNode primary = root.get("primary");
        if (primary == null || !primary.isTextual()) {
            throw failure(where, "has no \"primary\" key id");
        }
        JsonNode keys = root.get("keys");
        if (keys == null || !keys.isObject() || keys.isEmpty()) {
            throw failure(where, "has no \"keys\" object with at least one key");
        }
        Map<String, byte[]> raw = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : keys.properties()) {
            if (!field.getValue().isTextual()) {
                throw failure(where, "holds the key '" + field.getKey() + "' as something other than a Base64 string");
            }
            raw.put(field.getKey(), decodeKey(field.getValue().asText(), field.getKey(), where));
        }
        if (!raw.containsKey(primary.asText())) {
            throw failure(
                    where,
                    "names the primary key id '" + primary.asText() + "', which is none of its keys " + raw.keySet());
        }
        return build(primary.asText(), raw, where);
    }

    private static StoredKeyring parseCompact(String text, String where) {
        Map<String, byte[]> raw = new LinkedHashMap<>();
        String primary = null;
        for (String entry : text.split(",", -1)) {
            String item = entry.strip();
            int colon = item.indexOf(':');
            if (colon <= 0) {
                throw failure(where, "is neither a JSON keyring nor the compact form keyId:base64[,keyId:base64…]");
            }
            String keyId = item.substring(0, colon);
            if (raw.containsKey(keyId)) {
                throw failure(where, "holds the key id '" + keyId + "' twice");
            }
            raw.put(keyId, decodeKey(item.substring(colon + 1), keyId, where));
            if (primary == null) {
                primary = keyId;
            }
        }
        if (primary == null) {
            throw failure(where, "holds no key");
        }
        return build(primary, raw, where);
    }

    private static StoredKeyring build(String primary, Map<String, byte[]> raw, String where) {
        try {
            return StoredKeyring.of(primary, raw);
        } catch (IllegalArgumentException e) {
            // StoredKeyring's messages name ids and lengths only.
            throw failure(where, "is invalid: " + e.getMessage());
        } finally {
            raw.values().forEach(key -> Arrays.fill(key, (byte) 0));
        }
    }

    private static byte[] decodeKey(String base64, String keyId, String where) {
        if (!StoredKeyring.isKeyId(keyId)) {
            throw failure(
                    where,
                    "has the malformed key id '" + keyId + "'; ids are 1 to 64 of A-Z, a-z, 0-9, '.', '_' and '-'");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the offending character.
            throw failure(where, "holds the key '" + keyId + "' in something other than standard Base64");
        }
        if (key.length != StoredKeyring.KEY_BYTES) {
            int length = key.length;
            Arrays.fill(key, (byte) 0);
            throw failure(
                    where,
                    "holds the key '" + keyId + "' of " + length + " bytes; AES-256 keys are exactly "
                            + StoredKeyring.KEY_BYTES + " bytes (44 Base64 characters)");
        }
        return key;
    }

    /**
     * Writes a keyring in the JSON form, pretty-printed, ending in a newline.
     *
     * @param keyring the keyring
     * @return the text, which holds key material
     */
    public static String toJson(StoredKeyring keyring) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("primary", keyring.primaryKeyId());
        ObjectNode keys = root.putObject("keys");
        for (String keyId : keyring.keyIds()) {
            byte[] key = keyring.key(keyId).orElseThrow().getEncoded();
            keys.put(keyId, Base64.getEncoder().encodeToString(key));
            Arrays.fill(key, (byte) 0);
        }
        return root.toPrettyString() + "\n";
    }

    /** Returns a keyring failure: {@code <where> <what>}. */
    public static ConfigException failure(String where, String what) {
        return new ConfigException(CODE, where + " " + what, null, null);
    }
}
