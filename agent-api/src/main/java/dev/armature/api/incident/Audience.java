package dev.armature.api.incident;

/**
 * Who reads a {@link Communication}: the people who work on the incident, or the users of the system
 * through a public status page.
 *
 * @since 0.1
 */
public enum Audience {
    /**
     * The responders and the rest of the organisation: every field of the incident, its key included,
     * may be shown.
     */
    INTERNAL,
    /**
     * The public status page: never the incident's key, its title (which the system writes from
     * component, guard and fingerprint names), its priority, or any value that repeats the key's name
     * or labels.
     */
    STATUS_PAGE
}
