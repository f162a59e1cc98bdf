package dev.armature.core.internal.config.source;

import dev.armature.api.config.ConfigException;
import dev.armature.spi.config.SourceValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@link java.util.Properties} text format, read so that each value keeps the line it starts on.
 *
 * <p>It follows {@code Properties.load(Reader)} to the letter: natural lines end at {@code \n},
 * {@code \r} or {@code \r\n}; leading blanks (space, tab, form feed) are skipped; a line whose first
 * character is {@code #} or {@code !} is a comment; an odd number of backslashes at a line's end joins
 * the next line with its leading blanks removed (a backslash at the very end of the text is dropped);
 * the key ends at the first unescaped {@code =}, {@code :} or blank, and blanks plus one {@code =} or
 * {@code :} after it are skipped; {@code \t \n \r \f} and {@code \}uXXXX are escapes, and a backslash
 * before any other character stands for that character. The one difference: a malformed {@code
 * \}uXXXX is a {@link ConfigException} naming its line, where {@code Properties} throws {@code
 * IllegalArgumentException}.
 */
final class PropertiesText {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PropertiesText() {}

    static Map<String, SourceValue> parse(String text, String locationName) {
        Map<String, SourceValue> values = new LinkedHashMap<>();
        Lines lines = new Lines(text);
        for (String line = lines.next(); line != null; line = lines.next()) {
            int start = lines.startLine;
            int keyEnd = 0;
            int valueStart = line.length();
            boolean hasSeparator = false;
            boolean backslash = false;
            for (; keyEnd < line.length(); keyEnd++) {
                char c = line.charAt(keyEnd);
                if (!backslash && (c == '=' || c == ':')) {
                    valueStart = keyEnd + 1;
                    hasSeparator = true;
                    break;
                }
                if (!backslash && isBlank(c)) {
                    valueStart = keyEnd + 1;
                    break;
                }
                backslash = c == '\\' && !backslash;
            }
            while (valueStart < line.length()) {
                char c = line.charAt(valueStart);
                if (!isBlank(c)) {
                    if (!hasSeparator && (c == '=' || c == ':')) {
                        hasSeparator = true;
                    } else {
                        break;
                    }
                }
                valueStart++;
            }
            String key = unescape(line, 0, keyEnd, locationName, start);
            String value = unescape(line, valueStart, line.length(), locationName, start);
            values.remove(key); // the last occurrence wins, and takes its place in the order
            values.put(key, SourceValue.at(value, locationName + ":" + start));
        }
        return Collections.unmodifiableMap(values);
    }

    static String write(Map<String, String> flat) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : flat.entrySet()) {
            escape(e.getKey(), true, out);
            out.append('=');
            escape(e.getValue(), false, out);
            out.append('\n');
        }
        return out.toString();
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f';
    }

    private static String unescape(String line, int from, int to, String locationName, int lineNumber) {
        StringBuilder out = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            char c = line.charAt(i++);
            if (c != '\\' || i >= to) {
                out.append(c);
                continue;
            }
            c = line.charAt(i++);
            switch (c) {
                case 'u' -> {
                    if (i + 4 > to) {
                        throw malformedUnicode(locationName, lineNumber);
                    }
                    int v = 0;
                    for (int k = 0; k < 4; k++) {
                        int d = hexDigit(line.charAt(i++));
                        if (d < 0) {
                            throw malformedUnicode(locationName, lineNumber);
                        }
                        v = (v << 4) | d;
                    }
                    out.append((char) v);
                }
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'n' -> out.append('\n');
                case 'f' -> out.append('\f');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Returns an ASCII hexadecimal digit's value, or -1: {@code Character.digit} takes other scripts' digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static ConfigException malformedUnicode(String locationName, int line) {
        return new ConfigException(
                ParseErrors.CODE,
                locationName + ":" + line + ": not valid properties: a \\u escape without four hexadecimal digits;"
                        + " write it as \\uXXXX, or escape the backslash as \\\\",
                null,
                null);
    }

    private static void escape(String s, boolean key, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\f' -> out.append("\\f");
                case '=', ':', '#', '!' -> out.append('\\').append(c);
                case ' ' -> {
                    if (key || i == 0) {
                        out.append('\\');
                    }
                    out.append(' ');
                }
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append("\\u");
                        for (int shift = 12; shift >= 0; shift -= 4) {
                            out.append(HEX[(c >> shift) & 0xF]);
                        }
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    /** Splits text into logical lines as {@code Properties.load} does, noting where each starts. */
    private static final class Lines {
        private final String text;
        private int pos;
        /** The 1-based line of the next character. */
        private int line = 1;
        /** The line the last logical line returned starts on. */
        int startLine;

        Lines(String text) {
            this.text = text;
        }

        @Nullable
        String next() {
            StringBuilder buf = new StringBuilder();
            boolean skipBlanks = true;
            boolean continued = false;
            boolean backslash = false;
            while (true) {
                if (pos >= text.length()) {
                    if (buf.length() == 0) {
                        return null;
                    }
                    if (backslash) {
                        buf.setLength(buf.length() - 1);
                    }
                    return buf.toString();
                }
                char c = text.charAt(pos++);
                boolean eol = c == '\n' || c == '\r';
                // Properties looks for the end of the text before it skips the \n of a \r\n.
                boolean atEnd = pos >= text.length();
                if (eol) {
                    newLine(c);
                }
                if (skipBlanks) {
                    if (isBlank(c) || (eol && !continued)) {
                        continue;
                    }
                    skipBlanks = false;
                    continued = false;
                }
                if (buf.length() == 0 && (c == '#' || c == '!')) {
                    skipComment();
                    skipBlanks = true;
                    continue;
                }
                if (!eol) {
                    if (buf.length() == 0) {
                        startLine = line;
                    }
                    buf.append(c);
                    backslash = c == '\\' && !backslash;
                } else if (buf.length() == 0) {
                    skipBlanks = true;
                } else if (backslash && atEnd) {
                    buf.setLength(buf.length() - 1);
                    return buf.toString(); // possibly empty: Properties then holds the key ""
                } else if (backslash) {
                    buf.setLength(buf.length() - 1);
                    skipBlanks = true;
                    continued = true;
                    backslash = false;
                } else {
                    return buf.toString();
                }
            }
        }

        /** Counts a line break; a {@code \r\n} pair is one, consumed whole. */
        private void newLine(char c) {
            line++;
            if (c == '\r' && pos < text.length() && text.charAt(pos) == '\n') {
                pos++;
            }
        }

        private void skipComment() {
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '\n' || c == '\r') {
                    newLine(c);
                    return;
                }
            }
        }
    }
}
