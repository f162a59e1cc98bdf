package dev.armature.core.internal.config.source;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.armature.api.config.ConfigException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns parser failures into {@code armature.config.parse} errors that name the position and a
 * description of the fault in our own words. Parser messages quote the text they stumbled on, which
 * may be a secret, so only known phrases are translated and nothing of the parser's text is copied.
 */
final class ParseErrors {
    static final String CODE = "armature.config.parse";

    private static final String WHAT_TO_DO =
            "fix the document at that position (its text is not shown here, as it may be secret)";

    /** Known YAML problems, by the start of the parser's phrase. */
    private static final List<Map.Entry<String, String>> YAML = List.of(
            Map.entry(
                    "mapping values are not allowed",
                    "a ':' where no mapping can start (quote the value, or check the indentation)"),
            Map.entry("could not find expected ':'", "a key without its ':'"),
            Map.entry(
                    "found character",
                    "a character that cannot start a YAML token (a tab in the indentation, or an unquoted '@' or '`')"),
            Map.entry(
                    "found unexpected end of stream",
                    "the document ends inside a quoted string or a [ ] or { } collection"),
            Map.entry("did not find expected key", "a line that is not a key at this indentation"),
            Map.entry("did not find expected node content", "a value is missing"),
            Map.entry("did not find expected '-' indicator", "a list entry at the wrong indentation"),
            Map.entry("did not find expected ',' or ']'", "a '[' list that is not closed properly"),
            Map.entry("did not find expected ',' or '}'", "a '{' mapping that is not closed properly"),
            Map.entry("did not find expected <document start>", "text after the top-level mapping"),
            Map.entry("expected <block end>", "a line indented wrongly for the block it is in"),
            Map.entry("found undefined tag handle", "an undefined tag handle"),
            Map.entry("found unknown escape character", "an unknown escape in a double-quoted string"),
            Map.entry("found a tab character", "a tab where YAML needs spaces"),
            Map.entry("block sequence entries are not allowed", "a list entry where a value was expected"),
            Map.entry("expected alphabetic or numeric character", "an anchor, alias or tag name that is not valid"),
            Map.entry("found duplicate anchor", "an anchor defined twice"),
            Map.entry("found undefined alias", "an alias whose anchor is not defined"),
            Map.entry("expected a comment or a line break", "text after a value where a line break belongs"),
            Map.entry("while scanning a quoted scalar", "a quoted string that is not closed"),
            Map.entry("The incoming YAML document exceeds the limit", "the document is larger than allowed"),
            Map.entry("Nesting Depth exceeded", "the document nests too deeply"),
            Map.entry("Number of aliases", "too many aliases"));

    /** Known JSON problems, by the start of Jackson's message. */
    private static final List<Map.Entry<String, String>> JSON = List.of(
            Map.entry(
                    "Unexpected end-of-input",
                    "the document ends too early (an object, array or string is not closed)"),
            Map.entry("Unrecognized token", "a word that is not a JSON value (strings need double quotes)"),
            Map.entry("Unexpected close marker", "a closing bracket that does not match the one opened"),
            Map.entry("Illegal unquoted character", "a control character inside a string (escape it, such as \\n)"),
            Map.entry("Unrecognized character escape", "an escape in a string that is not valid"),
            Map.entry("Invalid numeric value", "a number that is not valid"),
            Map.entry("Leading zeroes not allowed", "a number with leading zeros"),
            Map.entry("Non-standard token", "a number that is not valid JSON (NaN or Infinity)"),
            Map.entry("Document nesting depth", "the document nests too deeply"),
            Map.entry("String value length", "a string longer than allowed"),
            Map.entry("Number value length", "a number longer than allowed"),
            Map.entry(
                    "Unexpected character",
                    "a character that is not allowed here (a missing comma or quote, or a trailing comma)"));

    private ParseErrors() {}

    static ConfigException at(
            String locationName, int line, int column, String what, String todo, @Nullable Throwable cause) {
        return new ConfigException(
                CODE, locationName + ":" + line + ":" + column + ": " + what + "; " + todo, null, cause);
    }

    static ConfigException of(JsonProcessingException e, ConfigFormat format, String locationName) {
        MarkedYAMLException marked = marked(e);
        if (marked != null) {
            return ofYaml(marked, e, locationName);
        }
        String original = String.valueOf(e.getOriginalMessage());
        String what = describe(format == ConfigFormat.YAML ? YAML : JSON, original, format);
        JsonLocation at = e.getLocation();
        if (at == null) {
            return new ConfigException(CODE, locationName + ": " + what + "; " + WHAT_TO_DO, null, e);
        }
        return at(locationName, at.getLineNr(), at.getColumnNr(), what, WHAT_TO_DO, e);
    }

    static ConfigException ofRuntime(RuntimeException e, ConfigFormat format, String locationName) {
        MarkedYAMLException marked = marked(e);
        if (marked != null) {
            return ofYaml(marked, e, locationName);
        }
        return new ConfigException(
                CODE,
                locationName + ": the " + format + " parser failed on this document ("
                        + e.getClass().getSimpleName() + "); " + WHAT_TO_DO,
                null,
                e);
    }

    private static ConfigException ofYaml(MarkedYAMLException marked, Throwable cause, String locationName) {
        String what = describe(YAML, String.valueOf(marked.getProblem()), ConfigFormat.YAML);
        Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
        if (mark == null) {
            return new ConfigException(CODE, locationName + ": " + what + "; " + WHAT_TO_DO, null, cause);
        }
        return at(locationName, mark.getLine() + 1, mark.getColumn() + 1, what, WHAT_TO_DO, cause);
    }

    private static String describe(List<Map.Entry<String, String>> known, String problem, ConfigFormat format) {
        for (Map.Entry<String, String> k : known) {
            if (problem.startsWith(k.getKey())) {
                return "not valid " + format + ": " + k.getValue();
            }
        }
        return "not valid " + format + " at this position";
    }

    private static @Nullable MarkedYAMLException marked(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m) {
                return m;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
