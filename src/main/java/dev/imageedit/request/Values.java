package dev.imageedit.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.imageedit.EditException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an option value as typed (a string on the command line, any JSON value in {@code route})
 * into the JSON value of the body field, in the endpoint's own spelling: the type comes from the
 * field's schema, enum values are matched ignoring case ({@code 2K} becomes {@code 2k} for an
 * endpoint that spells it so). Range and enum membership are left to the schema check, which
 * reports them with the allowed values.
 */
final class Values {
    private Values() {
    }

    /** The body value, or {@link NullNode} when the option means "leave the field out". */
    static JsonNode coerce(Object raw, String label, JsonNode property, Endpoint.OptionSpec spec, String model) {
        String text = String.valueOf(raw).strip();
        if (spec != null && spec.values() != null) {
            for (Map.Entry<String, String> entry : spec.values().entrySet()) {
                if (entry.getKey().equalsIgnoreCase(text)) {
                    return entry.getValue() == null ? NullNode.getInstance() : TextNode.valueOf(entry.getValue());
                }
            }
            throw EditException.data(label + " is not one of " + String.join(", ", spec.values().keySet()) + " for " + model);
        }
        switch (property.path("type").asText("string")) {
            case "integer" -> {
                return LongNode.valueOf(whole(raw, text, label, property, model));
            }
            case "number" -> {
                return DoubleNode.valueOf(number(raw, text, label, model));
            }
            case "boolean" -> {
                if (raw instanceof Boolean b) {
                    return BooleanNode.valueOf(b);
                }
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    return BooleanNode.valueOf(Boolean.parseBoolean(text.toLowerCase(Locale.ROOT)));
                }
                throw EditException.data(label + " is not true or false; " + model + " takes a boolean there");
            }
            default -> {
                return TextNode.valueOf(spelled(text, property, spec));
            }
        }
    }

    /** Plain decimal notation only: Java's parsers would also take NaN, Infinity, hex and a trailing 'd'. */
    private static final String DECIMAL = "[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?";

    /** The exact value as written, or null when it is not a finite decimal number. */
    private static BigDecimal decimal(Object raw, String text) {
        String written = raw instanceof Number n ? n.toString() : text;
        return written.matches(DECIMAL) ? new BigDecimal(written) : null;
    }

    private static long whole(Object raw, String text, String label, JsonNode property, String model) {
        BigDecimal value = decimal(raw, text);
        if (value == null || value.stripTrailingZeros().scale() > 0) {
            throw EditException.data(label + " is not a whole number; " + model + " takes a whole number there");
        }
        try {
            return value.longValueExact();
        } catch (ArithmeticException tooLarge) {
            long min = property.path("minimum").canConvertToLong() ? property.path("minimum").asLong() : Long.MIN_VALUE;
            long max = property.path("maximum").canConvertToLong() ? property.path("maximum").asLong() : Long.MAX_VALUE;
            throw EditException.data(label + " is out of range; " + model + " takes a whole number from " + min + " to " + max);
        }
    }

    private static double number(Object raw, String text, String label, String model) {
        BigDecimal value = decimal(raw, text);
        if (value == null) {
            throw EditException.data(label + " is not a number; " + model + " takes a decimal number there, e.g. 0.5");
        }
        double number = value.doubleValue();
        if (Double.isInfinite(number) || number == 0 && value.signum() != 0) {
            // A double cannot hold it: it would be sent as Infinity (not JSON) or silently as 0.
            throw EditException.data(label + " is out of range; " + model + " takes a decimal number such as 0.5 there");
        }
        return number;
    }

    private static String spelled(String text, JsonNode property, Endpoint.OptionSpec spec) {
        String value = text;
        if (spec != null) {
            for (Map.Entry<String, String> alias : spec.aliases().entrySet()) {
                if (alias.getKey().equalsIgnoreCase(text)) {
                    value = alias.getValue();
                }
            }
        }
        for (JsonNode allowed : property.path("enum")) {
            if (allowed.asText().equalsIgnoreCase(value)) {
                return allowed.asText();
            }
        }
        return value;
    }
}
