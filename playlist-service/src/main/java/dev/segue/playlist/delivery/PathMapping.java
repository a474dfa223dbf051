package dev.segue.playlist.delivery;

import dev.segue.commons.problem.ProblemException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Segue's file paths as the server sees them: prefix rewrites {@code from=to} (the first {@code =} separates
 * them), the longest matching prefix wins. A path no rule covers is returned as it is when there are no rules,
 * and is absent otherwise (the server cannot see a file outside every mapped folder).
 */
public final class PathMapping {

    private record Rule(String from, String to) {
    }

    private final List<Rule> rules;

    public PathMapping(List<String> specs) {
        this.rules = specs.stream().map(PathMapping::rule).sorted(Comparator.comparingInt((Rule r) -> r.from().length()).reversed())
                .toList();
    }

    private static Rule rule(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw ProblemException.unprocessable("Path mapping '" + spec + "' is not FROM=TO (for example /music=/data/music).");
        }
        return new Rule(trimSlash(spec.substring(0, eq).strip()), trimSlash(spec.substring(eq + 1).strip()));
    }

    private static String trimSlash(String s) {
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    public Optional<String> map(String path) {
        if (path == null) {
            return Optional.empty();
        }
        if (rules.isEmpty()) {
            return Optional.of(path);
        }
        for (Rule r : rules) {
            if (path.equals(r.from()) || path.startsWith(r.from() + "/")) {
                String rest = path.substring(r.from().length());
                if (r.to().isEmpty()) {
                    return Optional.of(rest.startsWith("/") ? rest.substring(1) : rest);
                }
                return Optional.of(r.to() + rest);
            }
        }
        return Optional.empty();
    }
}
