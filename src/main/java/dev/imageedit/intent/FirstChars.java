package dev.imageedit.intent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    /**
     * What an expression can start with: class members, and whether it may match empty. When
     * every match starts at a {@code \b}, {@code bounds} holds where those {@code \b} are written
     * (each tested where the match starts); otherwise it is null.
     */
    private record Start(List<String> members, boolean nullable, List<Integer> bounds) {
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
     * with, and a {@code \b} when every match starts at one; each of its alternatives gets its own
     * lookahead too, so that at a place only the alternatives that can start there are tried, and
     * a {@code \b} the one in front already tested is left out. It finds exactly what the pattern
     * does. The pattern as it is when its start cannot be read.
     */
    static String filtered(String pattern) {
        FirstChars reader = new FirstChars(pattern);
        List<Start> branches = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        try {
            while (true) {
                branches.add(reader.sequence());
                ends.add(reader.at);
                if (reader.at < pattern.length() && pattern.charAt(reader.at) == '|') {
                    reader.at++;
                } else {
                    break;
                }
            }
            if (reader.at != pattern.length()) {
                return pattern;
            }
        } catch (Unknown | IndexOutOfBoundsException | NumberFormatException e) {
            return pattern;
        }
        Start whole = either(branches);
        if (!usable(whole)) {
            return pattern;
        }
        boolean atBound = whole.bounds() != null;
        StringBuilder out = new StringBuilder(filter(whole)).append(atBound ? "\\b" : "").append("(?:");
        int from = 0;
        for (int b = 0; b < branches.size(); b++) {
            Start branch = branches.get(b);
            if (branches.size() > 1 && usable(branch)) {
                out.append(filter(branch));
            }
            int to = ends.get(b);
            for (int bound : atBound ? branch.bounds() : List.<Integer>of()) {
                out.append(pattern, from, bound);
                from = bound + 2; // the \b already tested in front
            }
            out.append(pattern, from, to).append(b + 1 < branches.size() ? "|" : "");
            from = to + 1;
        }
        return out.append(')').toString();
    }

    private static boolean usable(Start start) {
        return !start.nullable() && !start.members().isEmpty() && !start.members().contains(ANY);
    }

    private static String filter(Start start) {
        StringBuilder filter = new StringBuilder("(?=[");
        Set<String> written = new HashSet<>();
        for (String member : start.members()) {
            if (written.add(member)) {
                filter.append(member);
            }
        }
        return filter.append("])").toString();
    }

    /** What any of the alternatives can start with. */
    private static Start either(List<Start> branches) {
        List<String> members = new ArrayList<>();
        boolean nullable = false;
        List<Integer> bounds = new ArrayList<>();
        for (Start branch : branches) {
            members.addAll(branch.members());
            nullable |= branch.nullable();
            if (bounds != null && branch.bounds() != null) {
                bounds.addAll(branch.bounds());
            } else {
                bounds = null;
            }
        }
        return new Start(members, nullable, bounds);
    }

    private Start alternation() {
        List<Start> branches = new ArrayList<>();
        while (true) {
            branches.add(sequence());
            if (at < pattern.length() && pattern.charAt(at) == '|') {
                at++;
            } else {
                return either(branches);
            }
        }
    }

    /** Atoms up to a {@code |} or {@code )}: the first that must consume a character ends what the sequence starts with. */
    private Start sequence() {
        List<String> members = new ArrayList<>();
        boolean nullable = true;
        List<Integer> bounds = null;
        boolean first = true;
        while (at < pattern.length() && pattern.charAt(at) != '|' && pattern.charAt(at) != ')') {
            Start atom = atom();
            int times = quantifier();
            if (first) {
                bounds = times == ONCE ? atom.bounds() : null;
                first = false;
            }
            if (nullable) {
                members.addAll(atom.members());
                nullable = atom.nullable() || times == OPTIONAL;
            }
        }
        return new Start(members, nullable, bounds);
    }

    /** No quantifier; one that lets the atom match zero times; one that does not. */
    private static final int ONCE = 0;
    private static final int OPTIONAL = 1;
    private static final int REPEATED = 2;

    /** Reads a quantifier if one follows: {@link #ONCE}, {@link #OPTIONAL} or {@link #REPEATED}. */
    private int quantifier() {
        if (at >= pattern.length()) {
            return ONCE;
        }
        int times;
        char c = pattern.charAt(at);
        if (c == '?' || c == '*') {
            times = OPTIONAL;
            at++;
        } else if (c == '+') {
            times = REPEATED;
            at++;
        } else if (c == '{') {
            int close = pattern.indexOf('}', at);
            int least = at + 1;
            while (least < close && Character.isDigit(pattern.charAt(least))) {
                least++;
            }
            if (least == at + 1) {
                throw new Unknown(); // Pattern.compile has checked the rest: "{2}", "{0,40}", "{1,}"
            }
            times = Integer.parseInt(pattern, at + 1, least, 10) == 0 ? OPTIONAL : REPEATED;
            at = close + 1;
        } else {
            return ONCE;
        }
        if (at < pattern.length() && (pattern.charAt(at) == '?' || pattern.charAt(at) == '+')) {
            at++; // lazy or possessive: the same characters, tried in another order
        }
        return times;
    }

    private Start atom() {
        char c = pattern.charAt(at);
        switch (c) {
            case '(':
                return group();
            case '[':
                return consuming(charClass());
            case '\\':
                return escape();
            case '^', '$':
                at++;
                return zeroWidth(null);
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
        return lookaround ? zeroWidth(null) : inner;
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
                return zeroWidth(List.of(at - 2));
            case 'B', 'A', 'G', 'z', 'Z':
                at += 2;
                return zeroWidth(null);
            case 'd', 's', 'w', 't', 'n', 'r', 'f', 'a', 'e':
                at += 2;
                return consuming(pattern.substring(at - 2, at));
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
        // Letters and digits stand for themselves in a class; anything else is written by its number.
        return Character.isLetterOrDigit(codePoint) ? new String(Character.toChars(codePoint))
                : new StringBuilder("\\x{").append(Integer.toHexString(codePoint)).append('}').toString();
    }

    private static Start consuming(String member) {
        return new Start(List.of(member), false, null);
    }

    /** @param bound where the {@code \b} is written, or null for another zero-width construct */
    private static Start zeroWidth(List<Integer> bound) {
        return new Start(List.of(), true, bound);
    }
}
