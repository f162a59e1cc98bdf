package dev.armature.monitoring.internal.route;

import dev.armature.api.monitoring.AlertSeverity;
import dev.armature.api.monitoring.Notification;
import dev.armature.api.monitoring.NotifiedAlert;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Internal: what the router knows of one alert: its identity, and whether it fires or has resolved.
 *
 * @param fingerprint the stable id of rule and labels
 * @param rule the rule's name
 * @param labels the alert's labels
 * @param annotations its annotations from the firing event
 * @param severity its severity
 * @param firedAt when it fired
 * @param resolvedAt when it resolved; empty while it fires
 */
record AlertRecord(
        String fingerprint,
        String rule,
        Map<String, String> labels,
        Map<String, String> annotations,
        AlertSeverity severity,
        Instant firedAt,
        Optional<Instant> resolvedAt) {
    AlertRecord {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    static AlertRecord firing(
            String rule, Map<String, String> labels, Map<String, String> annotations, AlertSeverity s, Instant at) {
        return new AlertRecord(fingerprint(rule, labels), rule, labels, annotations, s, at, Optional.empty());
    }

    boolean isFiring() {
        return resolvedAt.isEmpty();
    }

    AlertRecord resolved(Instant at) {
        return new AlertRecord(fingerprint, rule, labels, annotations, severity, firedAt, Optional.of(at));
    }

    /** The labels routes, silences and inhibition rules match: with {@code alertname} and {@code severity}. */
    Map<String, String> matchLabels() {
        return matchLabels(rule, severity, labels);
    }

    static Map<String, String> matchLabels(String rule, AlertSeverity severity, Map<String, String> labels) {
        Map<String, String> m = new LinkedHashMap<>(labels);
        m.putIfAbsent("alertname", rule);
        m.putIfAbsent("severity", severity.name().toLowerCase(Locale.ROOT));
        return m;
    }

    NotifiedAlert notified() {
        return new NotifiedAlert(
                fingerprint,
                rule,
                labels,
                annotations,
                severity,
                isFiring() ? Notification.Status.FIRING : Notification.Status.RESOLVED,
                firedAt,
                resolvedAt);
    }

    /** A hash of the rule and the sorted labels: the same alert always has the same one. */
    static String fingerprint(String rule, Map<String, String> labels) {
        StringBuilder b = new StringBuilder(rule);
        new TreeMap<>(labels)
                .forEach((k, v) -> b.append('\u0000').append(k).append('=').append(v));
        return sha256(b.toString()).substring(0, 16);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
