package dev.segue.commons.problem;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Finds the query or path parameter a request got wrong. The JAX-RS runtime reports a parameter it
 * cannot convert as a bare 404 without naming it; this converts each declared parameter again to say
 * which one, what it must be and what it was.
 */
final class ParameterProblems {

    private ParameterProblems() {
    }

    static List<Problem.Violation> violations(Method method, UriInfo uri) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (method == null || uri == null) {
            return violations;
        }
        for (Parameter parameter : method.getParameters()) {
            Optional<String> query = queryName(parameter);
            Optional<String> path = pathName(parameter);
            MultivaluedMap<String, String> values = query.isPresent() ? uri.getQueryParameters() : uri.getPathParameters();
            String name = query.or(() -> path).orElse(null);
            if (name == null || values.get(name) == null) {
                continue;
            }
            Type type = parameter.getParameterizedType();
            Class<?> element = elementType(parameter.getType(), type);
            for (String value : values.get(name)) {
                String expected = rejection(element, value);
                if (expected != null) {
                    List<String> allowed = element.isEnum()
                            ? Arrays.stream(element.getEnumConstants()).map(Object::toString).toList() : List.of();
                    violations.add(new Problem.Violation(name, null, (query.isPresent() ? "Query" : "Path") + " parameter '" + name
                            + "' must be " + expected + ", got '" + shorten(value) + "'.", allowed));
                    break;
                }
            }
        }
        return violations;
    }

    private static Optional<String> queryName(Parameter parameter) {
        QueryParam query = parameter.getAnnotation(QueryParam.class);
        if (query != null) {
            return Optional.of(query.value());
        }
        RestQuery rest = parameter.getAnnotation(RestQuery.class);
        return rest == null ? Optional.empty() : Optional.of(rest.value().isEmpty() ? parameter.getName() : rest.value());
    }

    private static Optional<String> pathName(Parameter parameter) {
        PathParam path = parameter.getAnnotation(PathParam.class);
        if (path != null) {
            return Optional.of(path.value());
        }
        RestPath rest = parameter.getAnnotation(RestPath.class);
        return rest == null ? Optional.empty() : Optional.of(rest.value().isEmpty() ? parameter.getName() : rest.value());
    }

    private static Class<?> elementType(Class<?> raw, Type type) {
        if ((Collection.class.isAssignableFrom(raw) || raw == Optional.class) && type instanceof ParameterizedType generic
                && generic.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return raw;
    }

    /** What the value must be when it cannot be converted to {@code type}; null when it can. */
    private static String rejection(Class<?> type, String value) {
        try {
            if (type == int.class || type == Integer.class) {
                Integer.parseInt(value.trim());
            } else if (type == long.class || type == Long.class) {
                Long.parseLong(value.trim());
            } else if (type == short.class || type == Short.class) {
                Short.parseShort(value.trim());
            } else if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
                Double.parseDouble(value.trim());
            } else if (type == UUID.class) {
                UUID.fromString(value.trim());
            } else if (type.isEnum()) {
                return Arrays.stream(type.getEnumConstants()).anyMatch(c -> c.toString().equals(value)) ? null : "one of the values in allowed";
            }
            return null;
        } catch (IllegalArgumentException wrong) {
            return type == UUID.class ? "a UUID" : type == double.class || type == Double.class || type == float.class || type == Float.class
                    ? "a number" : "an integer";
        }
    }

    private static String shorten(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }
}
