package dev.armature.monitoring.internal.route;

import dev.armature.api.monitoring.Notification;
import dev.armature.api.monitoring.NotifiedAlert;
import dev.armature.spi.monitoring.NotificationChannel;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: the built-in channel {@value #NAME}, which writes each notification to the SLF4J logger
 * {@value #LOGGER} as key-value pairs: one line per alert, at WARN while it fires and INFO once it
 * resolved. It writes the rule, labels, severity, the {@code summary} annotation and the runbook,
 * and no other annotation, so that a value someone templated into an annotation does not reach the
 * log. Never fails; thread-safe.
 */
public final class LogChannel implements NotificationChannel {
    /** The channel's name. */
    public static final String NAME = "log";

    /** The logger it writes to. */
    public static final String LOGGER = "armature.notifications";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void deliver(Notification n) {
        for (NotifiedAlert a : n.alerts()) {
            boolean firing = a.status() == Notification.Status.FIRING;
            String summary = a.annotations().get("summary");
            (firing ? log.atWarn() : log.atInfo())
                    .addKeyValue("kind", n.kind())
                    .addKeyValue("route", n.route())
                    .addKeyValue("group", n.groupKey())
                    .addKeyValue("idempotencyKey", n.idempotencyKey())
                    .addKeyValue("status", a.status().name().toLowerCase(Locale.ROOT))
                    .addKeyValue("rule", a.rule())
                    .addKeyValue("severity", a.severity().name().toLowerCase(Locale.ROOT))
                    .addKeyValue("labels", a.labels().toString())
                    .addKeyValue("firedAt", a.firedAt())
                    .addKeyValue(
                            "resolvedAt", a.resolvedAt().map(Object::toString).orElse(""))
                    .addKeyValue("summary", summary == null ? "" : summary)
                    .addKeyValue("runbook", a.runbook().map(Object::toString).orElse(""))
                    .log(firing ? "alert firing" : "alert resolved");
        }
    }
}
