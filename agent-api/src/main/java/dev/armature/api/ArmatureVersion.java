package dev.armature.api;

/**
 * The version of Armature's API, against which plugins declare the range they support.
 *
 * @since 0.1
 */
public final class ArmatureVersion {
    /** The API version, {@code major.minor}; plugins declare ranges such as {@code [0.1,0.2)}. */
    public static final String API = "0.1";

    private ArmatureVersion() {}
}
