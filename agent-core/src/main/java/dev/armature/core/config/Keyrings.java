package dev.armature.core.config;

import static java.util.Objects.requireNonNull;

import dev.armature.api.config.ConfigException;
import dev.armature.api.config.Keyring;
import dev.armature.core.internal.config.crypto.KeyringFiles;
import dev.armature.core.internal.config.crypto.KeyringFormat;
import dev.armature.core.internal.config.crypto.StoredKeyring;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Keyrings for encrypted configuration values: read from a file or an environment variable,
 * generated, and written to a file.
 *
 * <p><b>The keyring file</b> is JSON; it may hold several keys so that old values still open after
 * the primary key is rotated:
 *
 * <pre>{@code
 * {
 *   "format" : "armature-keyring/v1",
 *   "primary" : "k2",
 *   "keys" : {
 *     "k2" : "<standard Base64 of 32 random bytes>",
 *     "k1" : "<standard Base64 of 32 random bytes>"
 *   }
 * }
 * }</pre>
 *
 * <p><b>The variable {@value #ENVIRONMENT_VARIABLE}</b> holds the same JSON, or the compact form
 * {@code k2:<base64>,k1:<base64>} whose first key is the primary one.
 *
 * <p>Key ids are 1 to 64 of {@code A-Z a-z 0-9 . _ -}; keys are exactly 32 bytes (AES-256). A file
 * or variable that breaks these rules is refused with a {@link ConfigException} of code {@value
 * #ERROR_CODE} that names the file or variable and what is wrong, never key material.
 *
 * <pre>{@code
 * Keyring keyring = Keyrings.fromEnvironment(System.getenv())
 *         .orElseGet(() -> Keyrings.fromFile(Path.of("/etc/armature/keyring.json")));
 * String sealed = ConfigEncryption.encrypt(keyring, "s3cret");   // ENC(k2:…)
 * }</pre>
 *
 * <p>Every keyring returned is immutable and thread-safe, and its {@code toString} names key ids
 * only.
 *
 * @since 0.1
 */
public final class Keyrings {
    /** The environment variable that may hold a keyring: {@value}. */
    public static final String ENVIRONMENT_VARIABLE = KeyringFormat.ENVIRONMENT_VARIABLE;

    /** The {@code format} field of a keyring file: {@value}. */
    public static final String FORMAT = KeyringFormat.FORMAT;

    /** The code of every keyring failure: {@value}. */
    public static final String ERROR_CODE = KeyringFormat.CODE;

    /** The id {@link #generate} is usually given when there is no reason to choose another: {@value}. */
    public static final String DEFAULT_KEY_ID = "k1";

    private Keyrings() {}

    /**
     * Reads a keyring file. Logs a warning when other users may read it on a POSIX file system.
     *
     * @param file the file
     * @return the keyring
     * @throws ConfigException with code {@value #ERROR_CODE} if the file cannot be read or is not a
     *     valid keyring
     */
    public static Keyring fromFile(Path file) {
        return KeyringFiles.read(requireNonNull(file, "file"));
    }

    /**
     * Reads the keyring in {@value #ENVIRONMENT_VARIABLE}, in the JSON or the compact form.
     *
     * @param environment the environment, usually {@code System.getenv()}
     * @return the keyring, or empty when the variable is not set or blank
     * @throws ConfigException with code {@value #ERROR_CODE} if the variable is set but is not a valid
     *     keyring
     */
    public static Optional<Keyring> fromEnvironment(Map<String, String> environment) {
        return KeyringFormat.fromEnvironment(requireNonNull(environment, "environment"));
    }

    /**
     * Creates a keyring holding one new random 256-bit key from {@link java.security.SecureRandom}.
     *
     * @param keyId the key's id, which becomes the primary one, such as {@value #DEFAULT_KEY_ID}
     * @return the keyring
     * @throws IllegalArgumentException if the id is not 1 to 64 of {@code A-Z a-z 0-9 . _ -}
     */
    public static Keyring generate(String keyId) {
        return StoredKeyring.generate(keyId);
    }

    /**
     * Writes a keyring to a new file, readable and writable by its owner only ({@code rw-------})
     * where the file system has POSIX permissions. Refuses to replace an existing file, so that no
     * key that values are sealed with is lost by accident.
     *
     * @param keyring a keyring made by this class ({@link #generate}, {@link #fromFile} or {@link
     *     #fromEnvironment}); the {@link Keyring} interface cannot list another's keys
     * @param file the file to create; its directory must exist
     * @throws ConfigException with code {@value #ERROR_CODE} if the file exists or cannot be written
     * @throws IllegalArgumentException if the keyring was not made by this class
     */
    public static void write(Keyring keyring, Path file) {
        KeyringFiles.write(stored(keyring), requireNonNull(file, "file"), false);
    }

    /**
     * Writes a keyring to a file like {@link #write}, but replaces the file if it exists, atomically
     * where the file system allows. Every value sealed with a key the new keyring lacks will no
     * longer open.
     *
     * @param keyring a keyring made by this class
     * @param file the file to create or replace
     * @throws ConfigException with code {@value #ERROR_CODE} if the file cannot be written
     * @throws IllegalArgumentException if the keyring was not made by this class
     */
    public static void replace(Keyring keyring, Path file) {
        KeyringFiles.write(stored(keyring), requireNonNull(file, "file"), true);
    }

    private static StoredKeyring stored(Keyring keyring) {
        if (requireNonNull(keyring, "keyring") instanceof StoredKeyring stored) {
            return stored;
        }
        throw new IllegalArgumentException("only keyrings made by Keyrings can be written: the Keyring interface "
                + "cannot list the keys of " + keyring.getClass().getName());
    }
}
