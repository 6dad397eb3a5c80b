package dev.imageedit.run;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Text from outside (server answers, stored prompts, request ids) made safe to show: control and
 * formatting characters become visible escapes, so no escape code reaches a terminal, and the API
 * token never appears, in whole or as a {@code Bearer} credential.
 */
public final class Text {
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer)\\s+[^\\s\"',;]+");
    private static final String REDACTED = "[redacted]";

    private Text() {
    }

    /**
     * Every control, formatting (bidi overrides, zero-width) and line or paragraph separator
     * character shown as {@code \xNN} or {@code \\uNNNN}; everything else, any script, as given.
     */
    public static String printable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            int type = Character.getType(c);
            boolean hidden = type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.UNASSIGNED || type == Character.PRIVATE_USE
                    || type == Character.SURROGATE;
            if (!hidden) {
                out.appendCodePoint(c);
            } else if (c <= 0xFF) {
                out.append(String.format("\\x%02X", c));
            } else {
                out.append(String.format("\\u%04X", c));
            }
        });
        return out.toString();
    }

    /** {@code text} without {@code token} and without any {@code Bearer …} credential. */
    public static String redact(String text, String token) {
        if (text == null) {
            return null;
        }
        String out = text;
        if (token != null && !token.isEmpty()) {
            out = out.replace(token, REDACTED);
        }
        return BEARER.matcher(out).replaceAll("$1 " + REDACTED);
    }

    /** Server text for a person: redacted, made printable, and cut to {@code max} characters. */
    public static String shown(String text, String token, int max) {
        String safe = printable(redact(text == null ? "" : text.strip(), token));
        return safe.length() > max ? safe.substring(0, max) + "…" : safe;
    }

    /** A URL as it may be shown or stored: without any user name or password it carries. */
    public static String withoutUserInfo(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getRawUserInfo() == null) {
                return url;
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), uri.getFragment()).toString();
        } catch (URISyntaxException e) {
            return "(an unreadable URL)";
        }
    }
}
