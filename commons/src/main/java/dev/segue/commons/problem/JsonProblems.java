package dev.segue.commons.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says which part of a request body Jackson rejected (as a JSON pointer), what was wrong and what is
 * allowed, in words a client author can act on instead of a Java exception message.
 */
final class JsonProblems {

    // only to name enum constants the way the services write them (@JsonValue)
    private static final ObjectMapper NAMES = new ObjectMapper();

    private JsonProblems() {
    }

    static Problem.Violation violation(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty() && !(e instanceof MismatchedInputException)) {
            return new Problem.Violation("", "", "The body is not well-formed JSON: " + e.getOriginalMessage()
                    + location(e) + ".", List.of());
        }
        String pointer = pointer(mapping.getPath());
        String field = field(mapping.getPath());
        if (e instanceof UnrecognizedPropertyException unknown) {
            List<String> known = unknown.getKnownPropertyIds() == null ? List.of()
                    : unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            return new Problem.Violation(field, pointer, "Unknown field '" + unknown.getPropertyName() + "'"
                    + (known.isEmpty() ? "." : "; the fields this object accepts are listed in allowed."), known);
        }
        if (e instanceof InvalidNullException) {
            return new Problem.Violation(field, pointer, "Must not be null; expected " + expected(null, e) + ".", List.of());
        }
        Class<?> target = target(e);
        if (target != null && target.isEnum()) {
            return new Problem.Violation(field, pointer, "Not an allowed value" + given(e) + "; use one of the values in allowed.",
                    enumValues(target));
        }
        if (e instanceof ValueInstantiationException instantiation && instantiation.getCause() != null
                && instantiation.getCause().getMessage() != null) {
            return new Problem.Violation(field, pointer, instantiation.getCause().getMessage(), List.of());
        }
        return new Problem.Violation(field, pointer, "Expected " + expected(target, e) + given(e) + ".", List.of());
    }

    static String detail(Problem.Violation v) {
        String where = v.pointer() == null || v.pointer().isEmpty() ? "" : v.pointer() + ": ";
        String allowed = v.allowed().isEmpty() ? "" : " Allowed: " + String.join(", ", v.allowed()) + ".";
        return "The request body was rejected. " + where + v.message() + allowed;
    }

    private static Class<?> target(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return mismatch.getTargetType();
        }
        if (e instanceof ValueInstantiationException instantiation && instantiation.getType() != null) {
            return instantiation.getType().getRawClass();
        }
        return null;
    }

    private static String expected(Class<?> target, JsonProcessingException e) {
        if (target == null) {
            return "a value of another type";
        }
        if (target == int.class || target == Integer.class || target == long.class || target == Long.class
                || target == short.class || target == Short.class || target == BigInteger.class) {
            return "an integer";
        }
        if (target == double.class || target == Double.class || target == float.class || target == Float.class
                || target == BigDecimal.class) {
            return "a number";
        }
        if (target == boolean.class || target == Boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(target)) {
            return "a string";
        }
        if (target.isArray() || Collection.class.isAssignableFrom(target)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(target) || target.isRecord() || !target.getName().startsWith("java.")) {
            return "an object";
        }
        return "a " + target.getSimpleName();
    }

    // Jackson's parser has moved on when the exception arrives, so what was sent is read from its message
    private static final Pattern SENT_STRING = Pattern.compile("(?:from String|String value \\(?) ?\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern SENT_KIND = Pattern.compile("from (Object|Array|Integer|Floating-point|Boolean|Null|null) value");

    private static String given(JsonProcessingException e) {
        if (e instanceof InvalidFormatException invalid && invalid.getValue() != null) {
            Object value = invalid.getValue();
            return value instanceof String s ? ", got the string " + quoted(s) : ", got " + value;
        }
        String message = Objects.toString(e.getOriginalMessage(), "");
        Matcher string = SENT_STRING.matcher(message);
        if (string.find()) {
            return ", got the string " + quoted(string.group(1));
        }
        Matcher kind = SENT_KIND.matcher(message);
        if (kind.find()) {
            return switch (kind.group(1)) {
                case "Object" -> ", got an object";
                case "Array" -> ", got an array";
                case "Integer" -> ", got an integer";
                case "Floating-point" -> ", got a fraction";
                case "Boolean" -> ", got true or false";
                default -> ", got null";
            };
        }
        return "";
    }

    private static String quoted(String text) {
        return "\"" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "\"";
    }

    private static List<String> enumValues(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> NAMES.convertValue(c, String.class)).toList();
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static String pointer(List<JsonMappingException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            pointer.append('/').append(ref.getFieldName() != null
                    ? ref.getFieldName().replace("~", "~0").replace("/", "~1")
                    : String.valueOf(Math.max(ref.getIndex(), 0)));
        }
        return pointer.toString();
    }

    private static String field(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else {
                field.append('[').append(Math.max(ref.getIndex(), 0)).append(']');
            }
        }
        return field.toString();
    }
}
