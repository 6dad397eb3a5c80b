package dev.imageedit.cli;

import java.math.BigInteger;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Number options, checked with messages that say what is allowed. Each message follows the option
 * and its value ("--timeout abc is not ..."), see {@link ParameterWording}. Only plain decimal
 * numbers are taken: Java's own parsers also accept NaN, Infinity, hex and a trailing 'd'.
 */
final class Converters {
    private static final String DECIMAL = "[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?";

    private Converters() {
    }

    private static double positive(String value, String allowed) {
        String text = value.strip();
        double number = text.matches(DECIMAL) ? Double.parseDouble(text) : Double.NaN;
        if (!(number > 0) || Double.isInfinite(number)) {
            throw new TypeConversionException("is not " + allowed);
        }
        return number;
    }

    private static long whole(String value, long min, long max, String allowed) {
        String text = value.strip();
        if (!text.matches("[+-]?\\d+")) {
            throw new TypeConversionException("is not a whole number: " + allowed);
        }
        BigInteger number = new BigInteger(text);
        if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new TypeConversionException("is out of range: " + allowed);
        }
        return number.longValueExact();
    }

    /** A time in seconds above 0, e.g. --timeout. */
    static final class Seconds implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            return positive(value, "a number of seconds above 0, e.g. 900 or 2.5");
        }
    }

    /**
     * The poll interval. Below {@link RunOptions#MIN_POLL_SECONDS} it is raised to that floor: a
     * shorter one only multiplies status requests (and rate limits) without seeing results sooner.
     */
    static final class PollSeconds implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            return Math.max(RunOptions.MIN_POLL_SECONDS, positive(value, "a number of seconds above 0, e.g. 2 or 0.5"));
        }
    }

    /** A count of 1 or more, e.g. --concurrency and --limit. */
    static final class Count implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) whole(value, 1, 10_000, "give a whole number from 1 to 10000");
        }
    }

    /** A TCP port, 0 meaning any free one. */
    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) whole(value, 0, 65_535, "give a port from 1 to 65535, or 0 (or no --port) for any free port");
        }
    }

    /** A size in bytes, 0 or more. */
    static final class Bytes implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return whole(value, 0, Long.MAX_VALUE, "give a whole number of bytes, 0 or more");
        }
    }
}
