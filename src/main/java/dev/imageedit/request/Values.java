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
                try {
                    return LongNode.valueOf(raw instanceof Number n ? new BigDecimal(n.toString()).longValueExact() : Long.parseLong(text));
                } catch (NumberFormatException | ArithmeticException e) {
                    throw EditException.data(label + " is not a whole number; " + model + " takes a whole number there");
                }
            }
            case "number" -> {
                try {
                    return DoubleNode.valueOf(raw instanceof Number n ? n.doubleValue() : Double.parseDouble(text));
                } catch (NumberFormatException e) {
                    throw EditException.data(label + " is not a number; " + model + " takes a number there");
                }
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
