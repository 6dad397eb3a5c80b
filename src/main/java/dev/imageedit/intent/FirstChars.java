package dev.imageedit.intent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The characters a match of a regular expression can start with, worked out from its text, so
 * that a search can skip every other place at the cost of one character test there. Java's
 * matcher otherwise tries every alternative of a pattern at every character of the text: for the
 * vocabulary's alternations of a dozen {@code \b(?:image|photo|…)…} terms, that was most of the
 * time spent reading a prompt.
 *
 * <p>The reading is conservative: a construct it does not know (flags, back references, a
 * negated class, {@code .}) or a pattern that can match nothing at all gives no filter, and the
 * pattern runs as written.
 */
final class FirstChars {
    private final String pattern;
    private int at;

    /** What an expression can start with: class members, whether it may match empty, whether every match starts at a {@code \b}. */
    private record Start(List<String> members, boolean nullable, boolean atBound) {
    }

    /** A member for "any character": a filter with it would let everything through. */
    private static final String ANY = "any";

    /** The reading gave up: the pattern is left alone. */
    private static final class Unknown extends RuntimeException {
        Unknown() {
            super(null, null, false, false);
        }
    }

    private FirstChars(String pattern) {
        this.pattern = pattern;
    }

    /**
     * The pattern with a lookahead in front that only lets through a character a match can start
     * with, and a {@code \b} when every match starts at one: it finds exactly what the pattern does.
     * The pattern as it is when its start cannot be read.
     */
    static String filtered(String pattern) {
        FirstChars reader = new FirstChars(pattern);
        Start start;
        try {
            start = reader.alternation();
            if (reader.at != pattern.length()) {
                return pattern;
            }
        } catch (Unknown | IndexOutOfBoundsException e) {
            return pattern;
        }
        if (start.nullable() || start.members().isEmpty() || start.members().contains(ANY)) {
            return pattern;
        }
        return "(?=[" + String.join("", new LinkedHashSet<>(start.members())) + "])" + (start.atBound() ? "\\b" : "") + "(?:" + pattern + ")";
    }

    private Start alternation() {
        List<String> members = new ArrayList<>();
        boolean nullable = false;
        boolean atBound = true;
        while (true) {
            Start branch = sequence();
            members.addAll(branch.members());
            nullable |= branch.nullable();
            atBound &= branch.atBound();
            if (at < pattern.length() && pattern.charAt(at) == '|') {
                at++;
            } else {
                return new Start(members, nullable, atBound);
            }
        }
    }

    /** Atoms up to a {@code |} or {@code )}: the first that must consume a character ends what the sequence starts with. */
    private Start sequence() {
        List<String> members = new ArrayList<>();
        boolean nullable = true;
        boolean atBound = false;
        boolean first = true;
        while (at < pattern.length() && pattern.charAt(at) != '|' && pattern.charAt(at) != ')') {
            Start atom = atom();
            boolean optional = quantifier();
            if (first) {
                atBound = atom.atBound() && !optional;
                first = false;
            }
            if (nullable) {
                members.addAll(atom.members());
                nullable = atom.nullable() || optional;
            }
        }
        return new Start(members, nullable, atBound);
    }

    /** Reads a quantifier if one follows: whether it lets the atom match zero times. */
    private boolean quantifier() {
        if (at >= pattern.length()) {
            return false;
        }
        boolean optional;
        char c = pattern.charAt(at);
        if (c == '?' || c == '*') {
            optional = true;
            at++;
        } else if (c == '+') {
            optional = false;
            at++;
        } else if (c == '{') {
            int close = pattern.indexOf('}', at);
            String bounds = pattern.substring(at + 1, close);
            if (!bounds.matches("\\d+(,\\d*)?")) {
                throw new Unknown();
            }
            optional = Integer.parseInt(bounds.split(",")[0]) == 0;
            at = close + 1;
        } else {
            return false;
        }
        if (at < pattern.length() && (pattern.charAt(at) == '?' || pattern.charAt(at) == '+')) {
            at++; // lazy or possessive: the same characters, tried in another order
        }
        return optional;
    }

    private Start atom() {
        char c = pattern.charAt(at);
        switch (c) {
            case '(':
                return group();
            case '[':
                return new Start(List.of(charClass()), false, false);
            case '\\':
                return escape();
            case '^', '$':
                at++;
                return zeroWidth(false);
            case '.':
                at++;
                return consuming(ANY);
            case '*', '+', '?', '{', '}', ']':
                throw new Unknown();
            default:
                int cp = pattern.codePointAt(at);
                at += Character.charCount(cp);
                return consuming(literal(cp));
        }
    }

    private Start group() {
        at++;
        boolean lookaround = false;
        if (pattern.startsWith("?:", at) || pattern.startsWith("?>", at)) {
            at += 2;
        } else if (pattern.startsWith("?=", at) || pattern.startsWith("?!", at)) {
            at += 2;
            lookaround = true;
        } else if (pattern.startsWith("?<=", at) || pattern.startsWith("?<!", at)) {
            at += 3;
            lookaround = true;
        } else if (pattern.startsWith("?<", at)) {
            at = pattern.indexOf('>', at) + 1; // a named group
            if (at == 0) {
                throw new Unknown();
            }
        } else if (pattern.startsWith("?", at)) {
            throw new Unknown(); // flags change what the letters match
        }
        Start inner = alternation();
        if (at >= pattern.length() || pattern.charAt(at) != ')') {
            throw new Unknown();
        }
        at++;
        // A lookaround consumes nothing: what follows it starts the match.
        return lookaround ? zeroWidth(false) : inner;
    }

    /**
     * A class, copied as it is written: inside another class it stands for the same characters.
     * A negated one, or one with a negated escape, lets nearly everything through: {@link #ANY}.
     */
    private String charClass() {
        int start = at;
        at++;
        boolean any = pattern.charAt(at) == '^';
        if (pattern.charAt(any ? at + 1 : at) == ']') {
            throw new Unknown(); // a ']' first is a member or an error, depending on the release
        }
        while (pattern.charAt(at) != ']') {
            char c = pattern.charAt(at);
            if (c == '\\') {
                char next = pattern.charAt(at + 1);
                if (next == 'Q') {
                    throw new Unknown();
                }
                any |= next == 'D' || next == 'S' || next == 'W' || next == 'P';
                at += 2;
            } else if (c == '[' || c == '&' && pattern.charAt(at + 1) == '&') {
                throw new Unknown(); // nested classes and intersections: not worth reading
            } else {
                at++;
            }
        }
        at++;
        return any ? ANY : pattern.substring(start, at);
    }

    private Start escape() {
        char c = pattern.charAt(at + 1);
        switch (c) {
            case 'b':
                at += 2;
                return zeroWidth(true);
            case 'B', 'A', 'G', 'z', 'Z':
                at += 2;
                return zeroWidth(false);
            case 'd', 's', 'w', 't', 'n', 'r', 'f', 'a', 'e':
                at += 2;
                return consuming("\\" + c);
            case 'D', 'S', 'W', 'P':
                throw new Unknown();
            case 'p': {
                int close = pattern.indexOf('}', at);
                if (pattern.charAt(at + 2) != '{' || close < 0) {
                    throw new Unknown();
                }
                String property = pattern.substring(at, close + 1);
                at = close + 1;
                return consuming(property);
            }
            case 'u': {
                String escape = pattern.substring(at, at + 6);
                at += 6;
                return consuming(escape);
            }
            default:
                if (Character.isLetterOrDigit(c)) {
                    throw new Unknown(); // back references, \Q, \x, \c, \R, \X...: not worth reading
                }
                at += 2;
                return consuming(literal(c));
        }
    }

    private static String literal(int codePoint) {
        return "\\x{" + Integer.toHexString(codePoint) + "}";
    }

    private static Start consuming(String member) {
        return new Start(List.of(member), false, false);
    }

    private static Start zeroWidth(boolean bound) {
        return new Start(List.of(), true, bound);
    }
}
